using System.Globalization;
using Microsoft.AspNetCore.Http;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api.V2;

/// <summary>
/// What the query of a v2 ping (<see cref="PingParameters"/>) means: server=, and optionally the schedule (schedule= or cron= with tz=, grace=) and a
/// duration= (seconds) measured by the reporter, the alert thresholds failures= and recoveries= (runs in a row
/// before it is announced down, and resolved), tags= (comma-separated; replaces the script's tags, empty clears them),
/// the runtime limits max_runtime= and min_runtime= (durations, or off), and heartbeat=1 (or 0) to mark the script as its
/// server's heartbeat. Unknown parameters are refused: a typo must not pass silently.
/// </summary>
public sealed record PingQuery(string Server, Optional<Schedule> Schedule, TimeSpan? Duration, AlertThresholds Thresholds = default,
    Optional<IReadOnlyList<string>> Tags = default, RuntimeLimits Runtime = default, bool? Heartbeat = null)
{
    private static readonly ScheduleParts.FieldNames ScheduleNames = new("schedule", "cron", "tz", "grace");
    private static readonly string KnownList = string.Join(", ", PingParameters.Names);

    /// <param name="given">The parameters as bound.</param>
    /// <param name="query">The whole query, to refuse an unknown or repeated parameter.</param>
    public static (PingQuery? Query, List<FieldError> Errors) Read(PingParameters given, IQueryCollection query)
    {
        var errors = new List<FieldError>();
        foreach (var key in query.Keys.Where(k => !PingParameters.Names.Contains(k)))
            errors.Add(new(Excerpt.Of(key), $"is not a parameter of a ping (they are {KnownList})"));
        foreach (var key in PingParameters.Names.Where(k => query[k].Count > 1))
            errors.Add(new(key, "appears more than once"));

        var server = given.Server ?? "";
        var period = given.Schedule;
        var cron = given.Cron;
        var tz = given.Tz;
        var graceText = given.Grace;
        var durationText = given.Duration;

        var schedule = Optional<Schedule>.Absent;
        if (period is not null || cron is not null)
        {
            if (period is not null && cron is not null)
            {
                if (graceText is not null && !ScheduleText.TryParseGrace(graceText, out _, out var graceError)) errors.Add(new("grace", graceError!));
                errors.Add(new("schedule", "cannot be combined with cron: give one or the other"));
            }
            else
            {
                var kind = cron is not null ? ScheduleKind.Cron
                    : period!.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? ScheduleKind.None : ScheduleKind.Period;
                var (assembled, scheduleErrors) = ScheduleParts.Assemble(kind, period, cron, tz, graceText, ScheduleNames);
                errors.AddRange(scheduleErrors);
                if (assembled is not null) schedule = assembled;
                if (period is not null && tz is not null) errors.Add(new("tz", "only applies to cron"));
            }
        }
        else
        {
            if (graceText is not null)
                errors.Add(new("grace", ScheduleText.TryParseGrace(graceText, out _, out var graceError) ? "needs the schedule it belongs to: add schedule= or cron=" : graceError!));
            if (tz is not null) errors.Add(new("tz", "needs cron="));
        }

        TimeSpan? duration = null;
        if (durationText is not null)
        {
            if (double.TryParse(durationText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < 366 * 86400)
                duration = TimeSpan.FromSeconds(seconds);
            else errors.Add(new("duration", "must be a number of seconds, such as 12.5"));
        }
        int? Threshold(string key, string? text)
        {
            if (text is null) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Script.ThresholdError(n) is null) return n;
            errors.Add(new(key, Script.ThresholdError(0)!));
            return null;
        }
        var thresholds = new AlertThresholds(Threshold("failures", given.Failures), Threshold("recoveries", given.Recoveries));
        var tags = Optional<IReadOnlyList<string>>.Absent;
        if (given.Tags is { } tagsText)
        {
            var (parsed, tagsError) = ScriptTags.Parse(tagsText);
            if (tagsError is null) tags = new(true, parsed);
            else errors.Add(new("tags", tagsError));
        }
        Optional<TimeSpan?> Limit(string key, string? text)
        {
            if (text is null) return default;
            if (RuntimeLimits.TryRead(text, out var limit)) return new(true, limit);
            errors.Add(new(key, RuntimeLimits.LimitError));
            return default;
        }
        var runtime = new RuntimeLimits(Limit("max_runtime", given.MaxRuntime), Limit("min_runtime", given.MinRuntime));
        errors.AddRange(runtime.Validate().Where(e => !errors.Any(x => x.Field == e.Field)));
        bool? heartbeat = given.Heartbeat switch
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
