namespace Scripto.Core.Changes;

/// <summary>Told of every change the feed publishes, synchronously (see <see cref="ScriptChangeFeed.Watch"/>).</summary>
public interface IChangeWatcher
{
    /// <summary>These scripts changed (committed). Called on the publisher's thread: note them, do not read them here.</summary>
    void Changed(IReadOnlyList<ScriptChange> changes);

    /// <summary>Changes may have been missed (another node's, while this node could not hear them).</summary>
    void EverythingChanged();
}
