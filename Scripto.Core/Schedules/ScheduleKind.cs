namespace Scripto.Core.Schedules;

public enum ScheduleKind
{
    /// <summary>No schedule: never late (the original's periodicity null).</summary>
    None,

    /// <summary>Due a fixed interval after the last run (v1's hourly/daily/weekly/monthly, or any interval).</summary>
    Period,

    /// <summary>Due at the next occurrence of a 5-field cron expression in an IANA time zone.</summary>
    Cron,
}
