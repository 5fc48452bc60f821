namespace Scripto.Core.Uptime;

/// <summary>The spans uptime is given over: the last 24 hours, 7, 30 and 90 days.</summary>
public static class UptimeWindows
{
    public static readonly IReadOnlyList<(string Label, TimeSpan Length)> All =
    [
        ("24 h", TimeSpan.FromHours(24)),
        ("7 d", TimeSpan.FromDays(7)),
        ("30 d", TimeSpan.FromDays(30)),
        ("90 d", TimeSpan.FromDays(90)),
    ];

    /// <summary>How far back any figure looks: the flips read are those since then.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(90);

    /// <summary>Days in the status page's bars.</summary>
    public const int Days = 90;
}
