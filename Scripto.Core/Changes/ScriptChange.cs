namespace Scripto.Core.Changes;

public enum ScriptChangeKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>What the feed carries: an id and what happened to it, never the entity. Readers re-query.</summary>
public readonly record struct ScriptChange(long ScriptId, ScriptChangeKind Kind);

/// <summary>The changes a subscriber collected since its last batch.</summary>
/// <param name="Everything">Re-read everything: time passed (statuses that depend on the clock may have moved),
/// or the subscriber fell behind and some changes were dropped.</param>
/// <param name="Since">When the oldest change named in it was published (a <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp; 0 when it names none): how long it waited, for <see cref="LiveLatency"/>.</param>
public sealed record ChangeBatch(IReadOnlyDictionary<long, ScriptChangeKind> Changes, bool Everything, long Since = 0);
