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
/// <param name="Overflowed">The subscriber fell behind and changes were dropped: treat everything as changed.</param>
public sealed record ChangeBatch(IReadOnlyDictionary<long, ScriptChangeKind> Changes, bool Overflowed);
