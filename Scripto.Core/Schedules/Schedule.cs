using Cronos;
using Scripto.Core.Scripts;

namespace Scripto.Core.Schedules;

/// <summary>
/// When a script is expected to run, and how long after that it may still report before it counts as down.
/// Immutable and pure: every time comes in as an argument, so it is tested without a clock.
/// </summary>
public sealed record Schedule
{
    public static readonly Schedule None = new();

    /// <summary>Grace when none is set and there is no schedule to scale it from (a run that started and never ended).</summary>
    public static readonly TimeSpan UnscheduledGrace = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinGrace = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxDefaultGrace = TimeSpan.FromHours(1);

    public ScheduleKind Kind { get; private init; }
    public TimeSpan? Period { get; private init; }
    public string? Cron { get; private init; }

    /// <summary>The IANA zone a cron expression is read in (UTC when unset).</summary>
    public string? TimeZone { get; private init; }

    /// <summary>The grace set for this script; null means the default, a tenth of the interval (1 min to 1 h).</summary>
    public TimeSpan? Grace { get; private init; }

    public static Schedule Every(TimeSpan period, TimeSpan? grace = null) =>
        new() { Kind = ScheduleKind.Period, Period = period, Grace = grace };

    public static Schedule Every(Periodicity word, TimeSpan? grace = null) => Every(word.Period(), grace);

    public static Schedule CronIn(string expression, string? timeZone, TimeSpan? grace = null) =>
        new() { Kind = ScheduleKind.Cron, Cron = expression.Trim(), TimeZone = ScheduleText.CanonicalZone(timeZone), Grace = grace };

    public Schedule WithGrace(TimeSpan? grace) => this with { Grace = grace };

    /// <summary>v1's word for this schedule, when it is one of v1's four periods (those also show "soon").</summary>
    public Periodicity? Periodicity =>
        Kind == ScheduleKind.Period ? Enum.GetValues<Periodicity>().Cast<Periodicity?>().FirstOrDefault(p => p!.Value.Period() == Period) : null;

    /// <summary>When the next run is due after a run (or a resume) at <paramref name="fromUtc"/>; null past the calendar's end.</summary>
    public DateTime? NextDue(DateTime fromUtc)
    {
        try
        {
            return Kind switch
            {
                ScheduleKind.Period => fromUtc > DateTime.MaxValue - Period!.Value ? null : fromUtc + Period.Value,
                ScheduleKind.Cron => ParsedCron().GetNextOccurrence(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc), Zone()),
                _ => null,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // a time at the calendar's end has no next occurrence
        }
    }

    /// <summary>The first due time after <paramref name="nowUtc"/> in the series that went through <paramref name="missedUtc"/>.</summary>
    public DateTime? NextAfter(DateTime missedUtc, DateTime nowUtc)
    {
        if (Kind == ScheduleKind.Period && Period is { Ticks: > 0 } period)
        {
            var periods = (nowUtc - missedUtc).Ticks / period.Ticks + 1;
            return missedUtc.Ticks > DateTime.MaxValue.Ticks - periods * period.Ticks ? null : missedUtc + periods * period;
        }
        return NextDue(nowUtc);
    }

    /// <summary>The grace in force: the one set, or a tenth of the interval between runs, kept within 1 min and 1 h.</summary>
    public TimeSpan EffectiveGrace(DateTime aroundUtc)
    {
        if (Grace is { } set) return set;
        var interval = Kind switch
        {
            ScheduleKind.Period => Period!.Value,
            ScheduleKind.Cron when NextDue(aroundUtc) is { } next && NextDue(next) is { } after => after - next,
            _ => (TimeSpan?)null,
        };
        if (interval is null) return UnscheduledGrace;
        var tenth = interval.Value / 10;
        return tenth < MinGrace ? MinGrace : tenth > MaxDefaultGrace ? MaxDefaultGrace : tenth;
    }

    /// <summary>v1's "soon" window before the due time, for v1's four periods only.</summary>
    public DateTime? SoonAt(DateTime? due) => due is { } d && Periodicity is { } p && d > DateTime.MinValue + p.SoonWindow() ? d - p.SoonWindow() : null;

    public string Describe() => Kind switch
    {
        ScheduleKind.Period => Periodicity?.ToWire() ?? ScheduleText.FormatInterval(Period!.Value),
        ScheduleKind.Cron => $"cron {Cron} ({TimeZone ?? "UTC"})",
        _ => "none",
    };

    /// <summary>The zone the schedule is read in: the cron's, else UTC.</summary>
    public TimeZoneInfo Zone() => TimeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    private CronExpression ParsedCron() => CronExpression.Parse(Cron!, CronFormat.Standard);
}
