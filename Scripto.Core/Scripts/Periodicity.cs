namespace Scripto.Core.Scripts;

/// <summary>The original Scripto's four schedules.</summary>
public enum Periodicity
{
    Hourly,
    Daily,
    Weekly,
    Monthly,
}

public static class PeriodicityExtensions
{
    /// <summary>How long after a run the next one is due (the original's thresholds; a month is 730 h).</summary>
    public static TimeSpan Period(this Periodicity p) => p switch
    {
        Periodicity.Hourly => TimeSpan.FromHours(1),
        Periodicity.Daily => TimeSpan.FromHours(24),
        Periodicity.Weekly => TimeSpan.FromHours(168),
        Periodicity.Monthly => TimeSpan.FromHours(730),
        _ => throw new ArgumentOutOfRangeException(nameof(p), p, null),
    };

    /// <summary>How long before it is due a script counts as "soon".</summary>
    public static TimeSpan SoonWindow(this Periodicity p) => p switch
    {
        Periodicity.Hourly => TimeSpan.FromMinutes(10),
        Periodicity.Daily => TimeSpan.FromHours(1),
        _ => TimeSpan.FromHours(18),
    };

    public static string ToWire(this Periodicity p) => p.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out Periodicity periodicity) =>
        Enum.TryParse(text, ignoreCase: true, out periodicity)
        && !int.TryParse(text, out _)
        && Enum.IsDefined(periodicity);
}
