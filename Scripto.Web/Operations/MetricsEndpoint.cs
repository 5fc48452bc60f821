using Scripto.Core.Reading;
using Scripto.Core.Scripts;

namespace Scripto.Web.Operations;

/// <summary><c>/metrics</c>: per-script up and time since the last run, counts by state, reports and their latency, open pages.</summary>
public static class MetricsEndpoint
{
    public static async Task WriteAsync(HttpContext http, ScriptQueries scripts, DashboardQueries dashboard,
        ReportMetrics reports, OpenCircuits circuits, TimeProvider clock)
    {
        var cancellationToken = http.RequestAborted;
        var now = clock.GetUtcNow().UtcDateTime;
        http.Response.ContentType = PrometheusText.ContentType;
        await using var writer = new StreamWriter(http.Response.Body, bufferSize: 64 * 1024);
        var text = new PrometheusText(writer);

        var counts = await dashboard.CountByStatusAsync(cancellationToken);
        await text.FamilyAsync("scripto_scripts", "gauge", "Scripts in each state.");
        foreach (var status in Enum.GetValues<ScriptStatus>())
            await text.SampleAsync("scripto_scripts", counts.GetValueOrDefault(status), ("state", StatusWords.WireName(status)));

        // Two passes rather than holding 100,000 rows: the format wants each family's samples together.
        await text.FamilyAsync("scripto_script_up", "gauge", "1 unless the script's last run failed or it is down (silent past its grace).");
        await foreach (var (script, status) in scripts.AllAsync(now, cancellationToken))
            await text.SampleAsync("scripto_script_up", status is ScriptStatus.Failed or ScriptStatus.Down ? 0 : 1, Labels(script));
        await text.FamilyAsync("scripto_script_seconds_since_last_run", "gauge", "Seconds since the script's last run ended (absent before its first).");
        await foreach (var (script, _) in scripts.AllAsync(now, cancellationToken))
            if (script.LastExec is { } last)
                await text.SampleAsync("scripto_script_seconds_since_last_run", Math.Round((now - last).TotalSeconds, 3), Labels(script));

        await text.FamilyAsync("scripto_reports_total", "counter", "Reports received (writes to v1 and v2), by API and outcome.");
        foreach (var api in ReportMetrics.Apis)
            foreach (var outcome in ReportMetrics.Outcomes)
                await text.SampleAsync("scripto_reports_total", reports.Count(api, outcome), ("api", api), ("outcome", outcome));
        await text.HistogramAsync("scripto_report_duration_seconds", "Time from a report's arrival to its acknowledgement, committed.", reports.Latency);

        await text.FamilyAsync("scripto_dashboards_open", "gauge", "Dashboard and script pages open in a browser, following changes live.");
        await text.SampleAsync("scripto_dashboards_open", circuits.Count);
    }

    private static (string, string)[] Labels(Script script) =>
        [("id", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("name", script.Name), ("server", script.Server)];
}
