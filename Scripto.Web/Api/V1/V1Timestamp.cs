using System.Globalization;

namespace Scripto.Web.Api.V1;

/// <summary>
/// The forms v1 accepts for last_exec: the original's `YYYY-MM-DDTHH:mm:ss` (UTC), any ISO 8601 date-time with an
/// offset, a date alone, and SQL's CURRENT_TIMESTAMP / LOCALTIMESTAMP (now) and CURRENT_DATE (today, 00:00 UTC).
/// </summary>
public static class V1Timestamp
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd",
    ];

    public static bool TryParse(string text, TimeProvider clock, out DateTime utc) => TryParse(text, clock, out utc, out _);

    /// <summary>
    /// Also tells whether the text named its zone (an offset or Z; CURRENT_TIMESTAMP is the server's own now). A time
    /// without one, or a date alone, is read as UTC but may be the client's wall clock in a zone Scripto cannot know.
    /// </summary>
    public static bool TryParse(string text, TimeProvider clock, out DateTime utc, out bool zoned)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        switch (text.Trim().ToUpperInvariant())
        {
            case "CURRENT_TIMESTAMP" or "LOCALTIMESTAMP":
                (utc, zoned) = (now, true);
                return true;
            case "CURRENT_DATE":
                (utc, zoned) = (now.Date, false);
                return true;
        }
        if (DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var parsed))
        {
            utc = parsed.UtcDateTime;
            zoned = DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var kind)
                && kind.Kind != DateTimeKind.Unspecified;
            return true;
        }
        (utc, zoned) = (default, false);
        return false;
    }
}
