using System.Globalization;
using Microsoft.AspNetCore.Http;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api.V2;

/// <summary>
/// The query of a v2 ping: server=, and optionally the schedule (schedule= or cron= with tz=, grace=) and a
/// duration= (seconds) measured by the reporter, the alert thresholds failures= and recoveries= (runs in a row
/// before it is announced down, and resolved), tags= (comma-separated; replaces the script's tags, empty clears them),
/// the runtime limits max_runtime= and min_runtime= (durations, or off), and heartbeat=1 (or 0) to mark the script as its
/// server's heartbeat. Unknown parameters are refused: a typo must not pass silently.
/// </summary>
public sealed record PingQuery(string Server, Optional<Schedule> Schedule, TimeSpan? Duration, AlertThresholds Thresholds = default,
    Optional<IReadOnlyList<string>> Tags = default, RuntimeLimits Runtime = default, bool? Heartbeat = null)
{
    private static readonly string[] Known = ["server", "schedule", "cron", "tz", "grace", "duration", "failures", "recoveries", "tags", "max_runtime", "min_runtime", "heartbeat"];

    public static (PingQuery? Query, List<FieldError> Errors) Read(IQueryCollection query)
    {
        var errors = new List<FieldError>();
        foreach (var key in query.Keys.Where(k => !Known.Contains(k)))
            errors.Add(new(Excerpt.Of(key), $"is not a parameter of a ping (they are {string.Join(", ", Known)})"));
        string? One(string key)
        {
            if (query[key].Count > 1) errors.Add(new(key, "appears more than once"));
            return query[key].Count == 0 ? null : query[key][0];
        }

        var server = One("server") ?? "";
        var period = One("schedule");
        var cron = One("cron");
        var tz = One("tz");
        var graceText = One("grace");
        var durationText = One("duration");

        TimeSpan? grace = null;
        if (graceText is not null)
        {
            if (ScheduleText.TryParseGrace(graceText, out var g, out var error)) grace = g;
            else errors.Add(new("grace", error!));
        }

        var schedule = Optional<Schedule>.Absent;
        if (period is not null && cron is not null)
            errors.Add(new("schedule", "cannot be combined with cron: give one or the other"));
        else if (period is not null)
        {
            if (period.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) schedule = Core.Schedules.Schedule.None.WithGrace(grace);
            else if (ScheduleText.TryParsePeriod(period, out var p, out var error)) schedule = Core.Schedules.Schedule.Every(p, grace);
            else errors.Add(new("schedule", error!));
            if (tz is not null) errors.Add(new("tz", "only applies to cron"));
        }
        else if (cron is not null)
        {
            if (ScheduleText.CronError(cron) is { } cronError) errors.Add(new("cron", cronError));
            else if (tz is null) schedule = Core.Schedules.Schedule.CronIn(cron, null, grace);
            else if (ScheduleText.TryReadTimeZone(tz, out var zone, out var tzError)) schedule = Core.Schedules.Schedule.CronIn(cron, zone, grace);
            else errors.Add(new("tz", tzError!));
        }
        else
        {
            if (grace is not null) errors.Add(new("grace", "needs the schedule it belongs to: add schedule= or cron="));
            if (tz is not null) errors.Add(new("tz", "needs cron="));
        }

        TimeSpan? duration = null;
        if (durationText is not null)
        {
            if (double.TryParse(durationText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < 366 * 86400)
                duration = TimeSpan.FromSeconds(seconds);
            else errors.Add(new("duration", "must be a number of seconds, such as 12.5"));
        }
        int? Threshold(string key)
        {
            if (One(key) is not { } text) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Script.ThresholdError(n) is null) return n;
            errors.Add(new(key, Script.ThresholdError(0)!));
            return null;
        }
        var thresholds = new AlertThresholds(Threshold("failures"), Threshold("recoveries"));
        var tags = Optional<IReadOnlyList<string>>.Absent;
        if (One("tags") is { } tagsText)
        {
            var (parsed, tagsError) = ScriptTags.Parse(tagsText);
            if (tagsError is null) tags = new(true, parsed);
            else errors.Add(new("tags", tagsError));
        }
        Optional<TimeSpan?> Limit(string key)
        {
            if (One(key) is not { } text) return default;
            if (RuntimeLimits.TryRead(text, out var limit)) return new(true, limit);
            errors.Add(new(key, RuntimeLimits.LimitError));
            return default;
        }
        var runtime = new RuntimeLimits(Limit("max_runtime"), Limit("min_runtime"));
        errors.AddRange(runtime.Validate().Where(e => !errors.Any(x => x.Field == e.Field)));
        bool? heartbeat = One("heartbeat") switch
        {
            null => null,
            "1" or "true" => true,
            "0" or "false" => false,
            _ => Refused(errors, new("heartbeat", "must be 1 (this script is its server's heartbeat) or 0")),
        };
        return errors.Count > 0 ? (null, errors) : (new PingQuery(server, schedule, duration, thresholds, tags, runtime, heartbeat), errors);
    }

    private static bool? Refused(List<FieldError> errors, FieldError error)
    {
        errors.Add(error);
        return null;
    }
}
