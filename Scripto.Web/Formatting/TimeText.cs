using System.Globalization;

namespace Scripto.Web.Formatting;

/// <summary>How a time reads to a person: relative ("4 min ago", "in 2 h") and by the calendar ("Today at 14:16:25").</summary>
public static class TimeText
{
    public static string Relative(DateTime utc, DateTime utcNow)
    {
        var delta = utcNow - utc;
        var future = delta < TimeSpan.Zero;
        var span = future ? -delta : delta;
        string amount;
        if (span < TimeSpan.FromSeconds(45)) return future ? "in a few seconds" : "just now";
        if (span < TimeSpan.FromMinutes(90)) amount = $"{Math.Max(1, (int)Math.Round(span.TotalMinutes))} min";
        else if (span < TimeSpan.FromHours(36)) amount = $"{(int)Math.Round(span.TotalHours)} h";
        else if (span < TimeSpan.FromDays(60)) amount = $"{(int)Math.Round(span.TotalDays)} days";
        else if (span < TimeSpan.FromDays(730)) amount = $"{(int)Math.Round(span.TotalDays / 30.44)} months";
        else amount = $"{(int)Math.Round(span.TotalDays / 365.25)} years";
        return future ? $"in {amount}" : $"{amount} ago";
    }

    /// <summary>The calendar form in the viewer's time zone: Today/Yesterday/Tomorrow, a weekday within a week, else the date.</summary>
    public static string Calendar(DateTime utc, DateTime utcNow, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var today = TimeZoneInfo.ConvertTimeFromUtc(utcNow, zone).Date;
        var time = local.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var days = (local.Date - today).Days;
        return days switch
        {
            0 => $"Today at {time}",
            -1 => $"Yesterday at {time}",
            1 => $"Tomorrow at {time}",
            > -7 and < 7 => $"{local.ToString("dddd", CultureInfo.InvariantCulture)} at {time}",
            _ => local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        };
    }

    public static string Utc(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A run's duration: "850 ms", "12.3 s", "4 min 5 s", "2 h 10 min".</summary>
    public static string Duration(TimeSpan d) =>
        d < TimeSpan.FromSeconds(1) ? $"{(int)d.TotalMilliseconds} ms"
        : d < TimeSpan.FromMinutes(1) ? $"{d.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s"
        : d < TimeSpan.FromHours(1) ? $"{(int)d.TotalMinutes} min {d.Seconds} s"
        : $"{(int)d.TotalHours} h {d.Minutes} min";
}
