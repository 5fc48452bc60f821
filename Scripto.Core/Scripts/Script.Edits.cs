using Scripto.Core.Schedules;

namespace Scripto.Core.Scripts;

public sealed partial class Script
{
    /// <summary>
    /// Applies an edit. A v1 status is a report of a finished run (at last_exec, or now), so it returns the run
    /// to append; other fields only change configuration.
    /// </summary>
    public Run? Apply(ScriptChanges changes, DateTime now, string? remoteAddress = null)
    {
        if (changes.Name.IsPresent) Name = changes.Name.Value.Trim();
        if (changes.Server.IsPresent) Server = changes.Server.Value?.Trim() ?? "";
        var reports = changes.Status is { IsPresent: true, Value: not null };
        var invisibleToV1 = Schedule.Kind != ScheduleKind.None && Schedule.Periodicity is null;
        if (changes.Schedule.IsPresent && !(changes.FromV1 && changes.Schedule.Value.Kind == ScheduleKind.None && invisibleToV1))
        {
            if (!changes.FromV1 && !reports) ChangeSchedule(changes.Schedule.Value, now);
            else Schedule = changes.Schedule.Value;
        }
        if (changes.FailureThreshold.IsPresent) FailureThreshold = changes.FailureThreshold.Value;
        if (changes.RecoveryThreshold.IsPresent) RecoveryThreshold = changes.RecoveryThreshold.Value;
        if (changes.Tags.IsPresent) Tags = ScriptTags.Join(changes.Tags.Value);
        if (changes.Heartbeat.IsPresent) Heartbeat = changes.Heartbeat.Value;
        changes.Runtime.ApplyTo(this);
        if (changes.Paused.IsPresent)
        {
            if (changes.Paused.Value) Pause();
            else Resume(now);
        }

        Run? run = null;
        if (changes.Status is { IsPresent: true, Value: { } succeeded })
        {
            var at = changes.LastExec is { IsPresent: true, Value: { } given } ? given : now;
            run = Report(new ScriptReport(succeeded ? Signal.Success : Signal.Failure, RemoteAddress: remoteAddress), at);
            // A last_exec without its zone may be the client's local time (UTC-5 sends 18:00 at 23:00 UTC): kept
            // and shown as sent, but the report just arrived, so the script ran: the schedule counts from now.
            // A time with its offset is an instant the client vouches for: lateness counts from it, as the original's did.
            if (at < now && !changes.LastExecZoned) CountingSince = now;
        }
        else
        {
            if (changes.Status.IsPresent) // null: back to never reported, as v1 allowed
            {
                LastStatus = null;
                Health = Health.New;
            }
            if (changes.LastExec.IsPresent) LastExec = changes.LastExec.Value;
        }
        Recompute();
        return run;
    }
}
