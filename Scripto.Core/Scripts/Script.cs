using Scripto.Core.Schedules;

namespace Scripto.Core.Scripts;

/// <summary>
/// A monitored script: its configuration (name, server, schedule, paused) and the state its reports left.
/// The state that time changes (late, down) is not stored as such: the due times are, and the status is a pure
/// function of this row and the clock (ScriptStatusRule).
/// </summary>
public sealed partial class Script
{
    public const int MaxNameLength = 255;
    public const int MaxServerLength = 255;

    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Server { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    // Schedule, stored as plain columns; Schedule below is their view.
    public ScheduleKind ScheduleKind { get; set; }
    public long? PeriodSeconds { get; set; }
    public string? Cron { get; set; }
    public string? TimeZone { get; set; }
    public long? GraceSeconds { get; set; }

    /// <summary>
    /// When the schedule started counting when there is no later run: a schedule change, a resume, or a report that
    /// arrived after the time it gave for its run (a v1 last_exec without its zone), which counts from its arrival.
    /// </summary>
    public DateTime? CountingSince { get; set; }

    public bool Paused { get; set; }

    /// <summary>Tags, sorted and comma-joined ("db,nightly"); empty when none. See <see cref="ScriptTags"/>.</summary>
    public string Tags { get; set; } = "";

    /// <summary>Its server's heartbeat (v2: heartbeat=1): while it is down, the server is silent at once (ServerSilence).</summary>
    public bool Heartbeat { get; set; }

    /// <summary>Up or down as last decided by a report or by time; New until the first report.</summary>
    public Health Health { get; set; }

    /// <summary>Did the last finished run succeed; null until the script first reports (v1's status).</summary>
    public bool? LastStatus { get; set; }

    /// <summary>When the last run finished, in UTC (v1's last_exec).</summary>
    public DateTime? LastExec { get; set; }

    /// <summary>When the last start signal came; the script is running while this is later than LastExec.</summary>
    public DateTime? StartedAt { get; set; }

    public long? LastDurationMs { get; set; }
    public int? LastExitCode { get; set; }

    /// <summary>When the next run is due (late after it), when v1's "soon" starts, and when it counts as down.</summary>
    public DateTime? DueAt { get; set; }
    public DateTime? SoonAt { get; set; }
    public DateTime? DownAt { get; set; }

    /// <summary>
    /// The end of the maintenance window that covers this script now (null: none). Set by the writer when a window
    /// starts, ends or changes and when the script appears; while it is ahead of the clock, Late and Down read as
    /// Maintenance and its announcements wait until then.
    /// </summary>
    public DateTime? MaintenanceUntil { get; set; }

    public Schedule Schedule
    {
        get
        {
            var grace = GraceSeconds is { } g ? TimeSpan.FromSeconds(g) : (TimeSpan?)null;
            return ScheduleKind switch
            {
                ScheduleKind.Period => Schedule.Every(TimeSpan.FromSeconds(PeriodSeconds ?? 0), grace),
                ScheduleKind.Cron => Schedule.CronIn(Cron ?? "", TimeZone, grace),
                _ => Schedule.None.WithGrace(grace),
            };
        }
        set
        {
            ScheduleKind = value.Kind;
            PeriodSeconds = value.Period is { } p ? (long)p.TotalSeconds : null;
            Cron = value.Cron;
            TimeZone = value.TimeZone;
            GraceSeconds = value.Grace is { } g ? (long)g.TotalSeconds : null;
        }
    }

    /// <summary>v1's periodicity: the word for one of its four periods, else null.</summary>
    public Periodicity? Periodicity => Schedule.Periodicity;

    public bool IsRunning => StartedAt is { } started && (LastExec is not { } last || started > last);

    public TimeSpan? LastDuration => LastDurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    /// <summary>A detached copy, safe to hand out after the writer has moved on.</summary>
    public Script Snapshot() => (Script)MemberwiseClone();
}
