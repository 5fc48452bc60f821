using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Web.Components.ScriptDetail;

/// <summary>The schedule editor's fields, read into a Schedule by the same rules as the v2 ping (<see cref="ScheduleParts"/>).</summary>
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

    private static readonly ScheduleParts.FieldNames Names = new("period", "cron", "time zone", "grace");

    /// <summary>Blank time zone and grace fields are left out (UTC, the default grace).</summary>
    public (Schedule? Schedule, List<FieldError> Errors) Read() =>
        ScheduleParts.Assemble(Kind, Period, Cron, Given(TimeZone), Given(Grace), Names);

    private static string? Given(string? field) => string.IsNullOrWhiteSpace(field) ? null : field;
}
