using Scripto.Core.Schedules;

namespace Scripto.Core.Scripts;

/// <summary>What reports, schedule changes and pauses do to a script. Pure: the time comes in as an argument.</summary>
public sealed partial class Script
{
    /// <summary>Records a report; the run to append to the history.</summary>
    public Run Report(ScriptReport report, DateTime at)
    {
        var run = new Run
        {
            ScriptId = Id, At = at, Signal = report.Signal, ExitCode = report.ExitCode,
            Output = ScriptReport.Tail(report.Output), RemoteAddress = report.RemoteAddress,
        };
        if (report.Signal == Signal.Start)
        {
            StartedAt = at;
        }
        else
        {
            // A finish after a start measures the run; otherwise the reporter may say how long it took.
            var duration = IsRunning && at >= StartedAt ? at - StartedAt!.Value : report.Duration;
            run.DurationMs = duration is { } d ? (long)d.TotalMilliseconds : null;
            LastStatus = report.Signal == Signal.Success && TooShort(duration, MinRuntime) is null;
            LastExec = at;
            LastExitCode = report.ExitCode;
            LastDurationMs = run.DurationMs;
            Health = LastStatus.Value ? Health.Up : Health.Failed;
            CountRun(LastStatus.Value);
        }
        Recompute();
        return run;
    }

    /// <summary>
    /// A new schedule counts from now, not from a run long ago. A script that is down stays down (its due times are
    /// those it missed, see <see cref="Recompute"/>): only a run, a pause or a delete ends a Down, never an edit.
    /// </summary>
    public void ChangeSchedule(Schedule schedule, DateTime now)
    {
        if (schedule == Schedule) return;
        Schedule = schedule;
        CountingSince = now;
        Recompute();
    }

    public void Pause() => Paused = true;

    /// <summary>After a pause the schedule counts from the resume, so a script is not down the moment it resumes.</summary>
    public void Resume(DateTime now)
    {
        if (!Paused) return;
        Paused = false;
        CountingSince = now;
        // The Down it was paused in is over (the pause resolved it): it counts again from now, and the time worker
        // (which skips the rows already down) flips it down again if it misses its next run.
        if (Health == Health.Down) Health = LastStatus switch { true => Health.Up, false => Health.Failed, null => Health.New };
        Recompute();
    }

    /// <summary>
    /// Sets the due times from the schedule and the last run (or start, or resume). Never-reported scripts are never due.
    /// A script the time worker found down keeps the due times it missed while no run is under way: its status reads
    /// Down from them (and the worker skips it), so an edit of its schedule, grace or limits leaves it down and
    /// unannounced twice; its next due as shown is still the new schedule's from now (<see cref="NextDueAt"/>).
    /// A run (its report sets Health first) or a resume counts again.
    /// </summary>
    public void Recompute()
    {
        if (Health == Health.Down && !IsRunning) return;
        var schedule = Schedule;
        var anchor = Later(LastExec, LastExec is null && StartedAt is null ? null : CountingSince);
        DueAt = anchor is { } from ? schedule.NextDue(from) : null;
        SoonAt = schedule.SoonAt(DueAt);
        DownAt = IsRunning
            ? Plus(StartedAt!.Value, RunLimit(StartedAt.Value))
            : DueAt is { } due ? Plus(due, schedule.EffectiveGrace(due)) : null;
    }

    /// <summary>
    /// The next due time as a person reads it: after a miss, the next one from now (the stored DueAt stays the
    /// missed one, which late and down are measured from).
    /// </summary>
    public DateTime? NextDueAt(DateTime now) => DueAt is { } due && due <= now ? Schedule.NextAfter(due, now) : DueAt;

    /// <summary>The state a flip records, at a time: a window masks what is shown, not what happened.</summary>
    public FlipState FlipStateAt(DateTime now) => ScriptStatusRule.UnmaskedOf(this, now) switch
    {
        ScriptStatus.Paused => FlipState.Paused,
        ScriptStatus.NeverReported => FlipState.New,
        ScriptStatus.Failed => FlipState.Failed,
        ScriptStatus.Down => FlipState.Down,
        ScriptStatus.Running => Health switch { Health.New => FlipState.New, Health.Failed => FlipState.Failed, Health.Down => FlipState.Down, _ => FlipState.Up },
        _ => FlipState.Up,
    };

    private static DateTime? Plus(DateTime at, TimeSpan span) => at > DateTime.MaxValue - span ? null : at + span;

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
