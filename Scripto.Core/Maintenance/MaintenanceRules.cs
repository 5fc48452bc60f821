using System.Globalization;
using Scripto.Core.Keys;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Core.Maintenance;

/// <summary>
/// What a window may be, for the API and the page alike. Each mistake names its field; nothing is written unless
/// there is none. A server that has not reported yet is allowed: a window may be opened before the first report.
/// </summary>
public static class MaintenanceRules
{
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(366);

    /// <summary>A one-off window that would be over already (a configuration file ignores such a window rather than refuse it).</summary>
    public const string InThePast = "is in the past: the window would be over already";

    /// <summary>The longest window a report key may open (for its own server).</summary>
    public static readonly TimeSpan MaxReporterLength = TimeSpan.FromHours(24);

    public const int MaxReasonLength = 500;
    public const int MaxScopeItems = 100;

    private const string DurationWords = "must be a duration such as 30m, 2h or 1d";

    public static (MaintenanceWindow? Window, List<FieldError> Errors) Validate(MaintenanceInput input, DateTime now)
    {
        var errors = new List<FieldError>();
        var window = new MaintenanceWindow
        {
            Servers = Scope(input.Servers, "servers", ScriptNames.ServerError, errors),
            Names = Scope(input.Names, "names", ScriptNames.NameError, errors),
            Tags = Scope(input.Tags, "tags", t => ScriptTags.TagError(t.ToLowerInvariant()), errors) // quoted as given when refused
                .Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(),
            Reason = input.Reason?.Trim() ?? "",
        };
        if (errors.Count == 0 && window.Servers.Count + window.Names.Count + window.Tags.Count == 0)
            errors.Add(new("servers", "a window needs a scope: servers, names (globs) or tags; names [\"*\"] covers every script"));
        if (window.Reason.Length > MaxReasonLength) errors.Add(new("reason", $"must be at most {MaxReasonLength} characters"));
        else if (window.Reason.Any(char.IsControl)) errors.Add(new("reason", "must not contain control characters"));

        if (input.Cron is not null) Recurring(input, window, errors);
        else OneOff(input, window, now, errors);
        return errors.Count > 0 ? (null, errors) : (window, errors);
    }

    /// <summary>
    /// A report key's window, opened from the machine under maintenance: only for one server, by name, within the
    /// key's limits, one-off and at most 24 hours. Null when it may; else why not, naming the field (403).
    /// </summary>
    public static FieldError? ReporterRefusal(MaintenanceWindow window, KeyLimits? limits)
    {
        if (window.Servers.Count != 1 || window.Names.Count > 0 || window.Tags.Count > 0)
            return new("server", "a report key may open a window for one server only, its own, named by server=");
        if (limits is { Names.Count: > 0 })
            return new("server", $"this key is limited to names ({KeyLimits.Text(limits.Names)}): a window for a whole server would cover others' scripts");
        if (limits?.Refusal("", window.Servers[0]) is { } outside) return outside;
        if (window.Recurring) return new("cron", "a report key may open one-off windows only");
        if (window.EndsAt - window.StartsAt > MaxReporterLength)
            return new("for", $"a report key may open a window of at most {ScheduleText.FormatInterval(MaxReporterLength)}");
        return null;
    }

    private static void Recurring(MaintenanceInput input, MaintenanceWindow window, List<FieldError> errors)
    {
        foreach (var (field, value) in new[] { ("from", input.From), ("until", input.Until), ("for", input.For) })
            if (value is not null) errors.Add(new(field, "is for a one-off window; a recurring one has cron, time_zone and duration"));
        if (ScheduleText.CronError(input.Cron) is { } cronError)
            errors.Add(new("cron", cronError.Replace("the script would never be due", "the window would never open")));
        else window.Cron = input.Cron!.Trim();
        if (!ScheduleText.TryReadTimeZone(input.TimeZone ?? "UTC", out var zone, out var zoneError)) errors.Add(new("time_zone", zoneError!));
        else window.TimeZone = zone;
        if (Length(input.Duration, "duration", errors) is { } duration) window.DurationSeconds = (long)duration.TotalSeconds;
    }

    private static void OneOff(MaintenanceInput input, MaintenanceWindow window, DateTime now, List<FieldError> errors)
    {
        foreach (var (field, value) in new[] { ("time_zone", input.TimeZone), ("duration", input.Duration) })
            if (value is not null) errors.Add(new(field, "is for a recurring window (with cron); a one-off one has from and until (or for)"));
        var from = input.From is null ? now : Time(input.From, "from", errors);
        DateTime? until = null;
        if (input.Until is not null && input.For is not null) errors.Add(new("until", "give until or for, not both"));
        else if (input.Until is not null) until = Time(input.Until, "until", errors);
        else if (input.For is not null) until = Length(input.For, "for", errors) is { } length && from is { } start ? start + length : null;
        else errors.Add(new("until", "is needed (or for, such as 30m; or cron and duration for a recurring window)"));
        if (from is null || until is null) return;
        var named = input.Until is not null ? "until" : "for";
        if (until <= from) errors.Add(new(named, "must be after from: the window would end before it starts"));
        else if (until - from > MaxLength) errors.Add(new(named, "must be at most a year after from"));
        else if (until <= now) errors.Add(new(named, InThePast));
        (window.StartsAt, window.EndsAt) = (from, until);
    }

    private static TimeSpan? Length(string? text, string field, List<FieldError> errors)
    {
        if (text is null)
        {
            errors.Add(new(field, "is needed: " + DurationWords));
            return null;
        }
        if (text.Trim() is "0" or "-0" || text.TrimStart().StartsWith('-'))
        {
            errors.Add(new(field, "must be longer than zero"));
            return null;
        }
        if (!ScheduleText.TryParseInterval(text, out var length, out _))
        {
            errors.Add(new(field, DurationWords));
            return null;
        }
        if (length <= TimeSpan.Zero) errors.Add(new(field, "must be longer than zero"));
        else if (length > MaxLength) errors.Add(new(field, "must be at most a year"));
        else return length;
        return null;
    }

    private static DateTime? Time(string text, string field, List<FieldError> errors)
    {
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && at.Year is >= 1970 and <= 9000)
            return at.UtcDateTime;
        errors.Add(new(field, "must be a time in ISO 8601, such as 2026-11-26T22:00:00Z"));
        return null;
    }

    private static List<string> Scope(IReadOnlyList<string>? items, string field, Func<string, string?> error, List<FieldError> errors)
    {
        var list = (items ?? []).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > MaxScopeItems) errors.Add(new(field, $"may hold at most {MaxScopeItems} entries"));
        foreach (var item in list)
            if (error(item) is { } message)
            {
                errors.Add(new(field, $"'{Excerpt.Of(item)}' {message}"));
                break;
            }
        return list;
    }
}
