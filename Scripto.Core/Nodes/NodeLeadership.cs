namespace Scripto.Core.Nodes;

/// <summary>
/// Which node does the work that must happen once across all nodes: flipping overdue scripts, applying maintenance
/// windows, planning and sending notifications. The workers wait on <see cref="WaitUntilLeaderAsync"/> (a follower's
/// cost nothing while they wait) and start at once when this node takes over.
/// </summary>
public abstract class NodeLeadership
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _leader;
    private long _term;

    public bool IsLeader
    {
        get { lock (_gate) return _leader; }
    }

    /// <summary>
    /// How many times this node has taken the lead: what a worker keeps while it leads (the planner's flap states) is
    /// stale once this changes, for another node may have done the work meanwhile.
    /// </summary>
    public long Term
    {
        get { lock (_gate) return _term; }
    }

    /// <summary>Completes when this node leads (at once if it does now).</summary>
    public Task WaitUntilLeaderAsync(CancellationToken cancellationToken)
    {
        Task leading;
        lock (_gate) leading = _leading.Task;
        return leading.WaitAsync(cancellationToken);
    }

    /// <summary>True when this call made the node leader.</summary>
    protected bool Lead()
    {
        lock (_gate)
        {
            if (_leader) return false;
            _leader = true;
            _term++;
            _leading.TrySetResult();
            return true;
        }
    }

    /// <summary>True when this call ended the node's leadership.</summary>
    protected bool Follow()
    {
        lock (_gate)
        {
            if (!_leader) return false;
            _leader = false;
            _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }
}

/// <summary>SQLite: the process is the only one on its database (the file lock refuses a second), so it always leads.</summary>
public sealed class SingleNode : NodeLeadership
{
    public SingleNode() => Lead();
}
