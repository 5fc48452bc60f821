using System.Diagnostics;
using System.Net.Http.Json;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Nodes;

/// <summary>
/// Two Scripto processes on one PostgreSQL database, as behind nginx: what either is told, every open dashboard
/// shows at once; the time work and the messages are done once, not once per node.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class TwoNodesTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private PostgresNodes _nodes = null!;
    private HttpClient _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        _nodes = await PostgresNodes.StartAsync(2);
        _a = new HttpClient { BaseAddress = _nodes.Nodes[0].Address, Timeout = TimeSpan.FromSeconds(10) };
        _b = new HttpClient { BaseAddress = _nodes.Nodes[1].Address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        await _nodes.DisposeAsync();
    }

    [Fact]
    public async Task A_ping_to_one_node_appears_within_a_second_on_a_dashboard_open_on_the_other_whose_metrics_say_how_late()
    {
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        try
        {
            await page.GotoAsync(_nodes.Nodes[1].Address.ToString());
            await page.WaitForSelectorAsync("[data-live]", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached, Timeout = 30_000 });

            (await _a.PostAsync("/api/v2/ping/cross-node.sh?server=node-a", null)).EnsureSuccessStatusCode();
            var acknowledged = Stopwatch.StartNew();
            // Polled on every animation frame: the moment the row is there, not the next tick of a coarser poll.
            await page.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('.scripto-name')].some(e => e.textContent.trim() === 'cross-node.sh')",
                null, new() { Timeout = 10_000 });
            var seen = acknowledged.Elapsed;

            Assert.True(seen < TimeSpan.FromSeconds(1), $"the other node's dashboard showed the row {seen.TotalMilliseconds:F0} ms after the ping was acknowledged");

            // B's /metrics tells an operator how late its pages are: the change's trip from A, and the page's own share.
            var metrics = await PrometheusScrape.GetAsync(_b);
            Assert.True(metrics["scripto_node_change_lag_seconds_count"] >= 1);
            Assert.InRange(metrics["scripto_node_change_lag_seconds_sum"] / metrics["scripto_node_change_lag_seconds_count"], 0, 1);
            Assert.True(metrics["scripto_live_page_delay_seconds_count"] >= 1);
            Assert.InRange(metrics["scripto_live_page_delay_seconds_sum"] / metrics["scripto_live_page_delay_seconds_count"], 0, 1);
            Assert.True(metrics["scripto_live_refresh_seconds_count"] >= 1);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task A_script_goes_down_once_and_is_announced_once_with_both_nodes_running()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        (await _a.PostAsJsonAsync("/api/v2/channels", new { name = "ops", kind = "webhook", url = new Uri(receiver.Address, "/hook").ToString(), group_wait = "0s" }))
            .EnsureSuccessStatusCode();

        // A run that started and never ends goes down when its longest run time (2 s) is over.
        (await _b.PostAsync("/api/v2/ping/stuck.sh/start?server=db-1&max_runtime=2s", null)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => receiver.Requests.Any(r => r.Text.Contains("stuck.sh")), "the webhook announced stuck.sh", 60_000);
        // Both nodes had the time to do it again; neither may.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(1, await _nodes.CountAsync(
            "SELECT count(*) FROM flips f JOIN scripts s ON s.id = f.script_id WHERE s.name = 'stuck.sh' AND f.to_state = 'Down'"));
        Assert.Single(receiver.Requests, r => r.Text.Contains("stuck.sh"));
    }

    [Fact]
    public async Task First_pings_of_one_name_sent_to_both_nodes_at_once_make_one_script()
    {
        const int Names = 20;
        for (var i = 0; i < Names; i++)
        {
            var path = $"/api/v2/ping/first-{i}.sh?server=both&schedule=daily";
            var answers = await Task.WhenAll(_a.PostAsync(path, null), _b.PostAsync(path, null));
            Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, $"{path}: {(int)a.StatusCode}"));
        }

        Assert.Equal(Names, await _nodes.CountAsync("SELECT count(*) FROM scripts WHERE server = 'both'"));
        Assert.Equal(2 * Names, await _nodes.CountAsync("SELECT count(*) FROM runs r JOIN scripts s ON s.id = r.script_id WHERE s.server = 'both'"));
    }
}
