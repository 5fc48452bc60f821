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
        {
            var median = Median(timed.Skip(i - Window).Take(Window).Select(r => r.DurationMs!.Value));
            var ratio = timed[i].DurationMs!.Value / median;
            if (ratio > Factor || ratio < 1 / Factor) found[timed[i].Id] = ratio;
        }
        return found;
    }

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
