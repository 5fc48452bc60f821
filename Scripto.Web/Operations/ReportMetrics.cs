using System.Diagnostics;

namespace Scripto.Web.Operations;

/// <summary>
/// Counts every report (a write to v1 or v2) by API and outcome, and times the accepted ones from the request's
/// arrival to its acknowledgement, which includes the writer's commit.
/// </summary>
public sealed class ReportMetrics
{
    public static readonly string[] Apis = ["v1", "v2"];
    public static readonly string[] Outcomes = ["accepted", "refused", "failed"];

    private readonly long[] _counts = new long[Apis.Length * Outcomes.Length];

    public Histogram Latency { get; } = new([0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]);

    public long Count(string api, string outcome) =>
        Volatile.Read(ref _counts[Array.IndexOf(Apis, api) * Outcomes.Length + Array.IndexOf(Outcomes, outcome)]);

    /// <summary>Measures the reports among the requests; everything else passes untouched.</summary>
    public async Task MeasureAsync(HttpContext http, Func<Task> next)
    {
        var api = ApiOf(http.Request);
        if (api < 0)
        {
            await next();
            return;
        }
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next();
        }
        finally
        {
            var status = http.Response.StatusCode;
            var outcome = status < 400 ? 0 : status < 500 ? 1 : 2;
            Interlocked.Increment(ref _counts[api * Outcomes.Length + outcome]);
            if (outcome == 0) Latency.Observe(start);
        }
    }

    private static int ApiOf(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return -1;
        var path = request.Path;
        if (path.StartsWithSegments("/api/v1/script")) return 0;
        if (path.StartsWithSegments("/api/v2/ping")) return 1;
        return -1;
    }
}
