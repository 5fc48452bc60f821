using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Web.Components.ScriptDetail;

/// <summary>The schedule editor's fields, read into a Schedule with the same rules as the v2 API.</summary>
public sealed class ScheduleForm
{
    public ScheduleKind Kind { get; set; }
    public string? Period { get; set; }
    public string? Cron { get; set; }
    public string? TimeZone { get; set; }
    public string? Grace { get; set; }

    public static ScheduleForm From(Schedule schedule) => new()
    {
        Kind = schedule.Kind,
        Period = schedule.Kind == ScheduleKind.Period ? schedule.Describe() : null,
        Cron = schedule.Cron,
        TimeZone = schedule.TimeZone,
        Grace = schedule.Grace is { } g ? ScheduleText.FormatInterval(g) : null,
    };

    public (Schedule? Schedule, List<FieldError> Errors) Read()
    {
        var errors = new List<FieldError>();
        TimeSpan? grace = null;
        if (!string.IsNullOrWhiteSpace(Grace))
        {
            if (ScheduleText.TryParseGrace(Grace, out var g, out var error)) grace = g;
            else errors.Add(new("grace", error!));
        }
        Schedule? schedule = null;
        switch (Kind)
        {
            case ScheduleKind.Period:
                if (ScheduleText.TryParsePeriod(Period, out var period, out var periodError)) schedule = Schedule.Every(period, grace);
                else errors.Add(new("period", periodError!));
                break;
            case ScheduleKind.Cron:
                // Each wrong field says so at once, not one error per save.
                string? zone = null, zoneError = null;
                var zoneRead = string.IsNullOrWhiteSpace(TimeZone) || ScheduleText.TryReadTimeZone(TimeZone, out zone, out zoneError);
                var cronError = ScheduleText.CronError(Cron);
                if (cronError is not null) errors.Add(new("cron", cronError));
                if (!zoneRead) errors.Add(new("time zone", zoneError!));
                if (cronError is null && zoneRead) schedule = Schedule.CronIn(Cron!, zone, grace);
                break;
            default:
                schedule = Schedule.None.WithGrace(grace);
                break;
        }
        return errors.Count > 0 ? (null, errors) : (schedule, errors);
    }
}
