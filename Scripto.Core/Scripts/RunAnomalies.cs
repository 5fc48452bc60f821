namespace Scripto.Core.Scripts;

/// <summary>
/// Runtime anomalies: a run more than 3× longer or shorter than the median of the 20 timed runs before it. A job
/// whose index step dropped from 50 minutes to 15 did not fail, but something changed: the script page says so.
/// </summary>
public static class RunAnomalies
{
    public const int Window = 20;
    public const double Factor = 3;

    /// <summary>For each anomalous run of <paramref name="newestFirst"/>: how many times the median it took.</summary>
    public static IReadOnlyDictionary<long, double> Find(IReadOnlyList<Run> newestFirst)
    {
        var timed = newestFirst.Where(r => r.DurationMs is > 0).Reverse().ToList(); // oldest first
        var found = new Dictionary<long, double>();
        for (var i = Window; i < timed.Count; i++)
            if (Ratio(timed.Skip(i - Window).Take(Window).Select(r => r.DurationMs!.Value).ToList(), timed[i].DurationMs!.Value) is { } ratio)
                found[timed[i].Id] = ratio;
        return found;
    }

    /// <summary>
    /// How many times the median of <paramref name="before"/> (the timed runs before it, 20 of them) a run of
    /// <paramref name="durationMs"/> took, when that is an anomaly; null when it is not, or there is too little history.
    /// </summary>
    public static double? Ratio(IReadOnlyList<long> before, long durationMs)
    {
        if (before.Count < Window || durationMs <= 0) return null;
        var ratio = durationMs / Median(before.Take(Window));
        return ratio > Factor || ratio < 1 / Factor ? ratio : null;
    }

    /// <summary>What a notification says of an anomalous run: "ran 1m, 6× the usual duration (the median of its last 20 runs: 10s)".</summary>
    public static string Reason(long durationMs, IReadOnlyList<long> before, double ratio) =>
        $"ran {Schedules.ScheduleText.FormatInterval(TimeSpan.FromSeconds(Math.Round(durationMs / 1000.0)))}, {Describe(ratio)} "
        + $"(the median of its last {Window} runs: {Schedules.ScheduleText.FormatInterval(TimeSpan.FromSeconds(Math.Round(Median(before.Take(Window)) / 1000)))})";

    /// <summary>How a person reads the ratio: "3.4× the median" or "⅕ of the median".</summary>
    public static string Describe(double ratio) =>
        ratio >= 1 ? $"{ratio:0.#}× the usual duration" : $"1/{1 / ratio:0.#} of the usual duration";

    private static double Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
