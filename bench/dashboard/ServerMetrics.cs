using System.Diagnostics;
using System.Globalization;

namespace Scripto.Bench.Dashboard;

/// <summary>What the soak reads from the app's <c>/metrics</c>: reports by outcome and the open dashboards.</summary>
public sealed record ServerMetrics(long Accepted, long Refused, long Failed, int DashboardsOpen, double ScrapeMs)
{
    public static async Task<ServerMetrics> ScrapeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var text = await http.GetStringAsync("metrics", cancellationToken);
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        long accepted = 0, refused = 0, failed = 0;
        var open = -1;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("scripto_reports_total{", StringComparison.Ordinal))
            {
                var value = Value(line);
                if (line.Contains("outcome=\"accepted\"", StringComparison.Ordinal)) accepted += value;
                else if (line.Contains("outcome=\"refused\"", StringComparison.Ordinal)) refused += value;
                else failed += value;
            }
            else if (line.StartsWith("scripto_dashboards_open ", StringComparison.Ordinal))
            {
                open = (int)Value(line);
            }
        }
        if (open < 0) throw new InvalidOperationException("/metrics has no scripto_dashboards_open");
        return new ServerMetrics(accepted, refused, failed, open, ms);
    }

    private static long Value(string line) =>
        (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
}
