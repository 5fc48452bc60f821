using Scripto.Core.Scripts;

namespace Scripto.Core.Schedules;

/// <summary>
/// A schedule from the parts people give it (a period, or a cron expression and its time zone; a grace), with the same
/// rules for a ping's query and the script page's editor. Each names the parts its own way, for the errors.
/// </summary>
public static class ScheduleParts
{
    /// <summary>What each part is called where it was given.</summary>
    public sealed record FieldNames(string Period, string Cron, string TimeZone, string Grace);

    /// <summary>
    /// The schedule, or every part that is wrong at once. A null time zone is UTC; a null grace is the schedule's
    /// default (a given one is read, even empty).
    /// </summary>
    public static (Schedule? Schedule, List<FieldError> Errors) Assemble(ScheduleKind kind, string? period, string? cron, string? timeZone, string? grace, FieldNames names)
    {
        var errors = new List<FieldError>();
        TimeSpan? readGrace = null;
        if (grace is not null)
        {
            if (ScheduleText.TryParseGrace(grace, out var g, out var graceError)) readGrace = g;
            else errors.Add(new(names.Grace, graceError!));
        }
        Schedule? schedule = null;
        switch (kind)
        {
            case ScheduleKind.Period:
                if (ScheduleText.TryParsePeriod(period, out var every, out var periodError)) schedule = Schedule.Every(every, readGrace);
                else errors.Add(new(names.Period, periodError!));
                break;
            case ScheduleKind.Cron:
                string? zone = null, zoneError = null;
                var zoneRead = timeZone is null || ScheduleText.TryReadTimeZone(timeZone, out zone, out zoneError);
                var cronError = ScheduleText.CronError(cron);
                if (cronError is not null) errors.Add(new(names.Cron, cronError));
                if (!zoneRead) errors.Add(new(names.TimeZone, zoneError!));
                if (cronError is null && zoneRead) schedule = Schedule.CronIn(cron!, zone, readGrace);
                break;
            default:
                schedule = Schedule.None.WithGrace(readGrace);
                break;
        }
        return errors.Count > 0 ? (null, errors) : (schedule, errors);
    }
}
