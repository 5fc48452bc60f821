using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Cronos;
using Scripto.Core.Scripts;

namespace Scripto.Core.Schedules;

/// <summary>Reads schedules as people write them ("daily", "15m", "1h30m", "30 2 * * *"), with errors that say what is wrong.</summary>
public static partial class ScheduleText
{
    public static readonly TimeSpan MinPeriod = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    /// <summary>The columns' widths: far more than a real schedule needs (the longest IANA zone has 32 characters).</summary>
    public const int MaxCronLength = 128;
    public const int MaxTimeZoneLength = 64;

    [GeneratedRegex(@"^(?:(\d{1,6})\s*(w|d|h|m|s)\s*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex IntervalPattern();

    [GeneratedRegex(@"(\d{1,6})\s*(w|d|h|m|s)", RegexOptions.IgnoreCase)]
    private static partial Regex IntervalPart();

    /// <summary>An interval: one of v1's words, or amounts like 15m, 6h, 2d, 1h30m (w, d, h, m, s).</summary>
    public static bool TryParseInterval(string? text, out TimeSpan interval, out string? error)
    {
        interval = default;
        text = text?.Trim() ?? "";
        if (PeriodicityExtensions.TryParse(text, out var word))
        {
            interval = word.Period();
            error = null;
            return true;
        }
        if (!IntervalPattern().IsMatch(text))
        {
            error = "must be hourly, daily, weekly, monthly or an interval such as 15m, 6h, 2d or 1h30m";
            return false;
        }
        try
        {
            foreach (Match part in IntervalPart().Matches(text))
            {
                var amount = long.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
                interval += char.ToLowerInvariant(part.Groups[2].Value[0]) switch
                {
                    'w' => TimeSpan.FromDays(7 * amount),
                    'd' => TimeSpan.FromDays(amount),
                    'h' => TimeSpan.FromHours(amount),
                    'm' => TimeSpan.FromMinutes(amount),
                    _ => TimeSpan.FromSeconds(amount),
                };
            }
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            error = "is far too long";
            return false;
        }
        error = null;
        return true;
    }

    public static bool TryParsePeriod(string? text, out TimeSpan period, out string? error)
    {
        if (!TryParseInterval(text, out period, out error)) return false;
        if (period < MinPeriod || period > MaxPeriod)
        {
            error = "must be between 1 minute and 366 days";
            return false;
        }
        return true;
    }

    /// <summary>What a grace may be, said alike whether the text is no interval at all or one out of range.</summary>
    public const string GraceError = "must be an interval between 1 minute and 7 days, such as 20m, 2h, 1d or 1h30m (or hourly, daily, weekly)";

    public static bool TryParseGrace(string? text, out TimeSpan grace, out string? error)
    {
        if (!TryParseInterval(text, out grace, out error) || grace < Schedule.MinGrace || grace > TimeSpan.FromDays(7))
        {
            error = GraceError;
            return false;
        }
        return true;
    }

    /// <summary>A 5-field cron expression (minute hour day-of-month month day-of-week).</summary>
    public static string? CronError(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression)) return "must be a 5-field cron expression such as \"30 2 * * *\"";
        if (expression.Trim().Length > MaxCronLength) return $"must be at most {MaxCronLength} characters";
        try
        {
            var cron = CronExpression.Parse(expression.Trim(), CronFormat.Standard);
            return cron.GetNextOccurrence(DateTime.UtcNow) is null && cron.GetNextOccurrence(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)) is null
                ? "never fires (such as the 30th of February): the script would never be due"
                : null;
        }
        catch (CronFormatException e)
        {
            return $"is not a 5-field cron expression ({e.Message.TrimEnd('.')})";
        }
    }

    /// <summary>
    /// The one rule for a time zone, in the API and the editor alike: an IANA zone in any case ("europe/paris"),
    /// answered in its own spelling (Europe/Paris; a Windows id as its IANA one), or an error.
    /// </summary>
    public static bool TryReadTimeZone(string? text, out string? zone, out string? error)
    {
        zone = null;
        error = "must be an IANA time zone such as Europe/Paris";
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxTimeZoneLength) return false;
        // As spelled first (cheap); only another spelling pays for reading the whole list once.
        zone = ExactZone(trimmed) ?? KnownZones.Value.GetValueOrDefault(trimmed);
        if (zone is null) return false;
        error = null;
        return true;
    }

    public static string? TimeZoneError(string? zone) => zone is null || TryReadTimeZone(zone, out _, out var error) ? null : error;

    /// <summary>The zone's own spelling ("europe/paris" is stored as Europe/Paris); what is not a zone is kept as given.</summary>
    public static string? CanonicalZone(string? zone) => TryReadTimeZone(zone, out var canonical, out _) ? canonical : zone;

    // TimeZoneInfo caches the zones it has found under a case-insensitive key, so a lookup by id alone accepts
    // "europe/paris" only once "Europe/Paris" was read: look the spelling up in the whole list instead.
    private static readonly Lazy<Dictionary<string, string>> KnownZones = new(() =>
    {
        var zones = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["UTC"] = "UTC" };
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
            zones.TryAdd(zone.Id, IanaId(zone));
        return zones;
    });

    /// <summary>A zone outside the list (an alias such as US/Eastern, a Windows id), found only as spelled.</summary>
    private static string? ExactZone(string text)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(text, out var found)) return null;
        var iana = IanaId(found);
        return string.Equals(found.Id, text, StringComparison.Ordinal) || !string.Equals(iana, found.Id, StringComparison.Ordinal) ? iana : null;
    }

    private static string IanaId(TimeZoneInfo zone) =>
        !zone.HasIanaId && TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id;

    public static string FormatInterval(TimeSpan interval)
    {
        var text = new StringBuilder();
        void Part(int amount, char unit) { if (amount > 0) text.Append(amount).Append(unit); }
        Part(interval.Days / 7, 'w');
        Part(interval.Days % 7, 'd');
        Part(interval.Hours, 'h');
        Part(interval.Minutes, 'm');
        Part(interval.Seconds, 's');
        return text.Length == 0 ? "0s" : text.ToString();
    }

}
