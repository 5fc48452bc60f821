using Scripto.Core.Nodes;
using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;

namespace Scripto.Web.Operations;

/// <summary>
/// <c>/metrics</c>: per-script up and time since the last run, counts by state and open pages, written here (one
/// line per script, streamed); then the instruments exported by prometheus-net (<see cref="MetricsExport"/>).
/// </summary>
public static class MetricsEndpoint
{
    public static async Task WriteAsync(HttpContext http, ScriptQueries scripts, DashboardQueries dashboard,
        MetricsExport export, OpenCircuits circuits, ChannelService channels, NotificationMetrics notifications, NodeLeadership leadership, TimeProvider clock)
    {
        var cancellationToken = http.RequestAborted;
        var now = clock.GetUtcNow().UtcDateTime;
        http.Response.ContentType = PrometheusText.ContentType;
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false), 64 * 1024, leaveOpen: true);
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

        await text.FamilyAsync("scripto_dashboards_open", "gauge", "Dashboard and script pages open in a browser, following changes live.");
        await text.SampleAsync("scripto_dashboards_open", circuits.Count);

        // Channels by name only: their URLs and secrets stay out of /metrics.
        var sent = notifications.Snapshot();
        await text.FamilyAsync("scripto_notifications_total", "counter", "Delivery attempts of notifications since start, by channel and outcome (sent, retrying, failing, abandoned; failed for a test message).");
        foreach (var channel in await channels.ListAsync(cancellationToken))
            foreach (var outcome in DeliveryOutcomes.All)
                await text.SampleAsync("scripto_notifications_total",
                    sent.Where(s => s.Channel == channel.Name && s.Outcome == outcome).Sum(s => s.Count), ("channel", channel.Name), ("outcome", outcome));
        await text.FamilyAsync("scripto_outbox_pending", "gauge", "Alert events not yet grouped plus messages not yet delivered.");
        await text.SampleAsync("scripto_outbox_pending", await channels.OutboxPendingAsync(cancellationToken));
        await text.FamilyAsync("scripto_node_leader", "gauge", "1 on the node that flips overdue scripts and sends the notifications (always, on SQLite), 0 on the others.");
        await text.SampleAsync("scripto_node_leader", leadership.IsLeader ? 1 : 0);
        await writer.FlushAsync(cancellationToken);

        // The instruments (reports and their latency, the writer's checkpoint stalls), through prometheus-net.
        await export.WriteAsync(http.Response.Body, cancellationToken);
    }

    private static (string, string)[] Labels(Script script) =>
        [("id", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("name", script.Name), ("server", script.Server)];
}
