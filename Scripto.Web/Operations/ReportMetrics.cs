using System.Diagnostics.Metrics;

namespace Scripto.Web.Operations;

/// <summary>
/// Counts every report (a write to v1 or v2) by API and outcome, and times the accepted ones from the request's
/// arrival to its acknowledgement (after the writer's commit), as instruments of the <see cref="MeterName"/> meter.
/// Read from ASP.NET Core's own request measurement (<c>http.server.request.duration</c>, with the route, method and
/// status), which the host takes anyway: no middleware of ours on the request path. A request refused before
/// routing (no endpoint) has no route and is not a report.
/// For /metrics, the same counts go straight to prometheus-net's own counter and histogram, their series resolved
/// once (<see cref="ExportTo"/>): its adapter of .NET instruments looked up labels and leased the series on every
/// measurement, ~2 % of a report's CPU (bench/README.md, "Fifth pass").
/// </summary>
public sealed class ReportMetrics : IDisposable
{
    public const string MeterName = "Scripto";
    public static readonly string[] Apis = ["v1", "v2"];
    public static readonly string[] Outcomes = ["accepted", "refused", "failed"];
    /// <summary>
    /// Upper bounds of the report latency's buckets, in seconds: 7.5 and 15 ms on either side of the 10 ms a report
    /// should take at most, so that the share over it is exact and a p99 near it is not guessed across 5-25 ms.
    /// </summary>
    public static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly IMeterFactory _meters;
    private readonly Counter<long> _reports;
    private readonly Histogram<double> _latency;
    private readonly MeterListener _requests = new();
    private Prometheus.Counter.Child[]? _exportedReports; // by Apis × Outcomes
    private Prometheus.Histogram? _exportedLatency;

    public ReportMetrics(IMeterFactory meters)
    {
        _meters = meters;
        var meter = meters.Create(MeterName);
        // prometheus-net names an instrument "<meter>_<name>": scripto_reports_total, scripto_report_duration_seconds.
        _reports = meter.CreateCounter<long>("reports.total", description: "Reports received (writes to v1 and v2), by API and outcome.");
        _latency = meter.CreateHistogram<double>("report.duration.seconds", "s", "Time from a report's arrival to its acknowledgement, committed.");
        _requests.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument is { Name: "http.server.request.duration", Meter.Name: "Microsoft.AspNetCore.Hosting" } && instrument.Meter.Scope == _meters)
                listener.EnableMeasurementEvents(instrument);
        };
        _requests.SetMeasurementEventCallback<double>((_, seconds, tags, _) => OnRequest(seconds, tags));
        _requests.Start();
    }

    /// <summary>The instruments' names as prometheus-net's adapter exported them ("&lt;meter&gt;_&lt;name&gt;", dots as underscores).</summary>
    public static readonly string[] InstrumentNames = ["reports.total", "report.duration.seconds"];

    /// <summary>
    /// Exports the reports into this prometheus-net factory from now on (every series shown from the start, at 0),
    /// as <c>scripto_reports_total{api, outcome}</c> and the histogram <c>scripto_report_duration_seconds</c>.
    /// </summary>
    public void ExportTo(Prometheus.IMetricFactory factory)
    {
        var reports = factory.CreateCounter("scripto_reports_total", _reports.Description!, ["api", "outcome"]);
        _exportedLatency = factory.CreateHistogram("scripto_report_duration_seconds", _latency.Description!,
            new Prometheus.HistogramConfiguration { Buckets = LatencyBuckets });
        _exportedReports = [.. Apis.SelectMany(api => Outcomes.Select(outcome => reports.WithLabels(api, outcome)))];
    }

    private void OnRequest(double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? method = null, route = null;
        var status = 0;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "http.request.method": method = tag.Value as string; break;
                case "http.route": route = tag.Value as string; break;
                case "http.response.status_code": status = tag.Value is int code ? code : 0; break;
            }
        }
        if (route is null || method is null or "GET" or "HEAD" or "OPTIONS") return;
        var api = route.StartsWith("api/v1/script", StringComparison.Ordinal) ? 0
            : route.StartsWith("api/v2/ping", StringComparison.Ordinal) ? 1
            : -1;
        if (api < 0) return;
        var outcome = status is > 0 and < 400 ? 0 : status is >= 400 and < 500 ? 1 : 2;
        _exportedReports?[api * Outcomes.Length + outcome].Inc();
        if (outcome == 0) _exportedLatency?.Observe(seconds);
        // For other listeners of the meter (dotnet-counters, OpenTelemetry); nothing to do when none listens.
        if (_reports.Enabled) _reports.Add(1, new("api", Apis[api]), new("outcome", Outcomes[outcome]));
        if (outcome == 0 && _latency.Enabled) _latency.Record(seconds);
    }

    public void Dispose() => _requests.Dispose();
}
