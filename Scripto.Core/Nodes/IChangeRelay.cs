using Scripto.Core.Changes;

namespace Scripto.Core.Nodes;

/// <summary>
/// Carries a node's committed changes to the other nodes' feeds. Called by the writer after it published a batch
/// on its own feed, and by the time worker for the scripts that just went late or soon. Must never block: it only
/// queues; a slow database must not hold the writer.
/// </summary>
public interface IChangeRelay
{
    /// <param name="alerts">The batch recorded alert events: the leader's planner has something to group.</param>
    void Relay(IReadOnlyList<ScriptChange> changes, bool alerts);
}
