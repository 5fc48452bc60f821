using System.Diagnostics.Metrics;

namespace Scripto.Web.Operations;

/// <summary>
/// Counts every report (a write to v1 or v2) by API and outcome, and times the accepted ones from the request's
/// arrival to its acknowledgement (after the writer's commit), as instruments of the <see cref="MeterName"/> meter.
/// Read from ASP.NET Core's own request measurement (<c>http.server.request.duration</c>, with the route, method and
/// status), which the host takes anyway: no middleware of ours on the request path. A request refused before
/// routing (no endpoint) has no route and is not a report.
/// </summary>
public sealed class ReportMetrics : IDisposable
{
    public const string MeterName = "Scripto";
    public static readonly string[] Apis = ["v1", "v2"];
    public static readonly string[] Outcomes = ["accepted", "refused", "failed"];
    public static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly IMeterFactory _meters;
    private readonly Counter<long> _reports;
    private readonly Histogram<double> _latency;
    private readonly MeterListener _requests = new();

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

    /// <summary>Shows every series from the start, at 0; called once the exporter listens.</summary>
    public void StartAtZero()
    {
        foreach (var api in Apis)
            foreach (var outcome in Outcomes)
                _reports.Add(0, new("api", api), new("outcome", outcome));
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
        var api = route.StartsWith("api/v1/script", StringComparison.Ordinal) ? "v1"
            : route.StartsWith("api/v2/ping", StringComparison.Ordinal) ? "v2"
            : null;
        if (api is null) return;
        var outcome = status is > 0 and < 400 ? "accepted" : status is >= 400 and < 500 ? "refused" : "failed";
        _reports.Add(1, new("api", api), new("outcome", outcome));
        if (outcome == "accepted") _latency.Record(seconds);
    }

    public void Dispose() => _requests.Dispose();
}
