namespace Scripto.Core.Uptime;

/// <summary>How long something was watched over a span, and how much of that it was up.</summary>
public readonly record struct Tally(TimeSpan Up, TimeSpan Watched)
{
    /// <summary>Up time over watched time, 0 to 1; null when nothing was watched (never reported, paused throughout).</summary>
    public double? Ratio => Watched > TimeSpan.Zero ? Up / Watched : null;

    /// <summary>Of a tag or a server: its scripts' times added up, so each script weighs by how long it was watched.</summary>
    public static Tally operator +(Tally a, Tally b) => new(a.Up + b.Up, a.Watched + b.Watched);

    /// <summary>"99.95 %", "100 %", or "—" when nothing was watched. Never rounds a miss up to 100 %.</summary>
    public string Percent()
    {
        if (Ratio is not { } ratio) return "—";
        if (ratio >= 1) return "100 %";
        var floored = Math.Floor(ratio * 10_000) / 100; // 99.999 % shows as 99.99 %, not 100 %
        return $"{floored.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} %";
    }
}
