using System.Text.Json.Nodes;

namespace Scripto.Core.Config;

/// <summary>
/// What applying a file does, or did: what it creates, what it changes (each field, old and new, in the file's
/// words) and what it deletes (only with prune). Each entry names its kind (script, channel, maintenance,
/// status_page), its key (how it is identified) and, when it is in the file, its line. <see cref="Ignored"/> (absent
/// when empty): entries of the file left aside, each with why (a one-off maintenance window whose until has passed).
/// </summary>
public sealed record ConfigDiff(
    bool DryRun, bool Prune, IReadOnlyList<DiffEntry> Created, IReadOnlyList<DiffEntry> Changed, IReadOnlyList<DiffEntry> Deleted, int Unchanged,
    IReadOnlyList<DiffEntry>? Ignored = null);

public sealed record DiffEntry(string Kind, string Key, int? Line = null, IReadOnlyList<FieldChange>? Fields = null);

/// <summary>One field that changes; a value absent from the file's form is null. Secrets show as "(hidden)".</summary>
public sealed record FieldChange(string Field, JsonNode? Old, JsonNode? New);
