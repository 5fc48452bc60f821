using Cronos;
using Scripto.Core.Scripts;

namespace Scripto.Core.Maintenance;

/// <summary>One stretch of a window: from (inclusive) until (exclusive).</summary>
public readonly record struct Occurrence(DateTime From, DateTime Until)
{
    public bool Covers(DateTime at) => From <= at && at < Until;
}

/// <summary>
/// A planned stretch of time when some scripts are expected to miss their runs: one-off (from, until) or recurring
/// (a cron expression in a time zone, each occurrence lasting Duration). It covers the scripts that match all of
/// its non-empty scope lists, as a channel's scope does: servers (exact), names (globs) and tags (any one of them).
/// Ending one early (EndedAt) cuts the current occurrence and, for a recurring one, every later occurrence.
/// </summary>
public sealed class MaintenanceWindow
{
    public long Id { get; set; }
    public List<string> Servers { get; set; } = [];
    public List<string> Names { get; set; } = [];
    public List<string> Tags { get; set; } = [];

    /// <summary>One-off: when it starts and ends (UTC).</summary>
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }

    /// <summary>Recurring: when each occurrence starts (5-field cron, in TimeZone) and how long it lasts.</summary>
    public string? Cron { get; set; }
    public string? TimeZone { get; set; }
    public long? DurationSeconds { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>Who opened it: the signed-in person, or "key NAME".</summary>
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Ended early (DELETE, or the page's button): nothing covers from then on.</summary>
    public DateTime? EndedAt { get; set; }

    public bool Recurring => Cron is not null;
    public TimeSpan? Duration => DurationSeconds is { } s ? TimeSpan.FromSeconds(s) : null;

    public bool Takes(Script script) =>
        (Servers.Count == 0 || Servers.Contains(script.Server, StringComparer.OrdinalIgnoreCase))
        && (Names.Count == 0 || Names.Any(glob => Keys.Glob.Matches(glob, script.Name)))
        && (Tags.Count == 0 || ScriptTags.Split(script.Tags).Any(Tags.Contains));

    /// <summary>The occurrence that covers <paramref name="at"/>, if any (the latest-ending one when occurrences overlap).</summary>
    public Occurrence? At(DateTime at)
    {
        if (EndedAt is { } ended && ended <= at) return null;
        if (!Recurring)
            return StartsAt is { } from && EndsAt is { } until && Clip(new(from, until)) is { } once && once.Covers(at) ? once : null;
        var duration = Duration!.Value;
        // The last start in (at - duration, at]: its occurrence reaches furthest.
        DateTime? last = null;
        foreach (var start in Expression.GetOccurrences(at - duration, at, Zone, fromInclusive: false, toInclusive: true))
            last = start;
        return last is { } s && Clip(new(s, s + duration)) is { } current && current.Covers(at) ? current : null;
    }

    /// <summary>The next occurrence that starts after <paramref name="after"/> (for the page's "next").</summary>
    public Occurrence? Next(DateTime after)
    {
        if (EndedAt is { } ended && ended <= after) return null;
        if (!Recurring) return StartsAt is { } from && from > after && EndsAt is { } until ? Clip(new(from, until)) : null;
        return Expression.GetNextOccurrence(after, Zone) is { } start ? Clip(new(start, start + Duration!.Value)) : null;
    }

    /// <summary>The first time after <paramref name="after"/> when what it covers changes: an occurrence starting or ending.</summary>
    public DateTime? NextBoundary(DateTime after)
    {
        var end = At(after)?.Until;
        var start = Next(after)?.From;
        return end is null ? start : start is null ? end : end < start ? end : start;
    }

    /// <summary>Whether it can still cover anything at or after <paramref name="at"/>.</summary>
    public bool Over(DateTime at) => EndedAt is { } ended && ended <= at || !Recurring && EndsAt is { } until && until <= at;

    private Occurrence? Clip(Occurrence occurrence) =>
        EndedAt is { } ended && ended < occurrence.Until
            ? ended > occurrence.From ? occurrence with { Until = ended } : null
            : occurrence;

    private CronExpression Expression => _expression ??= CronExpression.Parse(Cron!, CronFormat.Standard);
    private CronExpression? _expression;

    private TimeZoneInfo Zone => _zone ??= TimeZoneInfo.FindSystemTimeZoneById(TimeZone ?? "UTC");
    private TimeZoneInfo? _zone;
}
