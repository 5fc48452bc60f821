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
public sealed record ChangeBatch(IReadOnlyDictionary<long, ScriptChangeKind> Changes, bool Everything);
