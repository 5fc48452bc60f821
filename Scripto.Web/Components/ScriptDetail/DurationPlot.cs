using System.Globalization;
using Scripto.Core.Scripts;
using Scripto.Web.Formatting;

namespace Scripto.Web.Components.ScriptDetail;

/// <summary>
/// Where each timed run sits on the durations chart, in percent of the plot: along a time axis (runs at uneven
/// times stay uneven), duration upwards. A handful of time labels, however many runs.
/// </summary>
public sealed class DurationPlot
{
    public const int TimeTicks = 5;

    public sealed record Point(Run Run, double X, double Y, bool Failed);

    public sealed record Tick(double Position, string Label);

    public IReadOnlyList<Point> Points { get; private init; } = [];
    public IReadOnlyList<Tick> TimeAxis { get; private init; } = [];
    public IReadOnlyList<Tick> DurationAxis { get; private init; } = [];

    /// <summary>From runs newest first (as the page has them); those without a duration are left out.</summary>
    public static DurationPlot Of(IEnumerable<Run> runs, TimeZoneInfo zone)
    {
        var timed = runs.Where(r => r.DurationMs is not null).OrderBy(r => r.At).ToList();
        if (timed.Count == 0) return new DurationPlot();

        var first = timed[0].At;
        var span = timed[^1].At - first;
        var longest = Math.Max(timed.Max(r => r.DurationMs!.Value), 1);
        double X(DateTime at) => span <= TimeSpan.Zero ? 50 : Math.Round(100 * (at - first) / span, 2);

        var format = span < TimeSpan.FromDays(1) ? "HH:mm" : span < TimeSpan.FromDays(7) ? "ddd HH:mm" : "MMM d";
        var ticks = span <= TimeSpan.Zero ? 1 : TimeTicks;
        var timeAxis = Enumerable.Range(0, ticks)
            .Select(i => span <= TimeSpan.Zero ? first : first + span * i / (ticks - 1))
            .Select(at => new Tick(X(at), TimeZoneInfo.ConvertTimeFromUtc(at, zone).ToString(format, CultureInfo.InvariantCulture)))
            .ToList();

        return new DurationPlot
        {
            Points = timed.Select(r => new Point(r, X(r.At), Math.Round(100.0 * r.DurationMs!.Value / longest, 2), r.Signal == Signal.Failure)).ToList(),
            TimeAxis = timeAxis,
            DurationAxis = [new(0, "0"), new(50, TimeText.Duration(TimeSpan.FromMilliseconds(longest / 2.0))), new(100, TimeText.Duration(TimeSpan.FromMilliseconds(longest)))],
        };
    }
}
