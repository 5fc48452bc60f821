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

    public static bool TryParse(string text, TimeProvider clock, out DateTime utc)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        switch (text.Trim().ToUpperInvariant())
        {
            case "CURRENT_TIMESTAMP" or "LOCALTIMESTAMP":
                utc = now;
                return true;
            case "CURRENT_DATE":
                utc = now.Date;
                return true;
        }
        if (DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }
        utc = default;
        return false;
    }
}
