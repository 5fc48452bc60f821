using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core;
using Scripto.Core.Maintenance;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>A run far longer or shorter than usual (RunAnomalies) is told, once, to the channels that asked for it only.</summary>
public class AnomalyTests : IAsyncLifetime
{
    private HttpReceiver _receiver = null!;
    private readonly NotifyCore _core;

    public AnomalyTests() : this(DatabaseProvider.Sqlite) { }

    protected AnomalyTests(DatabaseProvider provider) => _core = new NotifyCore(provider: provider);

    public async Task InitializeAsync()
    {
        _receiver = await HttpReceiver.StartAsync();
        await _core.ChannelAsync($$"""{"name": "runs", "kind": "webhook", "url": "{{_receiver.Url("runs")}}", "anomalies": true}""");
        await _core.ChannelAsync($$"""{"name": "failures", "kind": "webhook", "url": "{{_receiver.Url("failures")}}"}""");
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private Task RunAsync(string name, double seconds) =>
        _core.Writer.ReportAsync(name, "db-1", new ScriptReport(Signal.Success, Duration: TimeSpan.FromSeconds(seconds)));

    private async Task PassAsync(TimeSpan by)
    {
        await _core.AdvanceAndPlanAsync(by);
        await _core.DispatchAsync();
    }

    [Fact]
    public async Task The_21st_run_six_times_longer_than_the_median_is_announced_once_to_the_channel_that_opted_in()
    {
        for (var i = 0; i < 20; i++)
        {
            await RunAsync("index.sh", 600); // ten minutes
            await RunAsync("steady.sh", 60);
            _core.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        await PassAsync(TimeSpan.FromMinutes(10));
        Assert.Empty(_receiver.Requests); // twenty ordinary runs: nothing to say

        await RunAsync("index.sh", 3600); // six times the median
        await RunAsync("steady.sh", 60);
        await PassAsync(TimeSpan.FromSeconds(30)); // group_wait

        var request = await _receiver.SingleAsync();
        Assert.Equal("/runs", request.Path);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("anomaly", body.GetProperty("event").GetString());
        var script = Assert.Single(body.GetProperty("scripts").EnumerateArray());
        Assert.Equal("index.sh", script.GetProperty("name").GetString());
        Assert.Equal("ran 1h, 6× the usual duration (the median of its last 20 runs: 10m)", script.GetProperty("reason").GetString());
        Assert.Equal("ok", script.GetProperty("status").GetString()); // nothing failed: it is not "down"

        await RunAsync("index.sh", 610); // back to usual
        await PassAsync(TimeSpan.FromMinutes(30));
        Assert.Single(_receiver.Requests);
        Assert.Equal(0, _core.Count("SELECT count(*) FROM alert_groups"));
    }

    [Fact]
    public async Task An_unusual_run_inside_a_maintenance_window_of_its_server_is_not_announced()
    {
        for (var i = 0; i < 20; i++)
        {
            await RunAsync("index.sh", 600);
            _core.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var windows = _core.Provider.GetRequiredService<MaintenanceService>();
        var opened = await windows.CreateAsync(new MaintenanceInput { Servers = ["db-1"], For = "2h", Reason = "upgrade" }, new MaintenanceRequester("ops", Admin: true));
        Assert.NotNull(opened.Window);

        await RunAsync("index.sh", 3600); // slow during the upgrade: expected, not news
        await PassAsync(TimeSpan.FromMinutes(5));
        await PassAsync(TimeSpan.FromHours(2)); // and not told when the window ends either
        Assert.Empty(_receiver.Requests);

        await RunAsync("index.sh", 3600); // the same outside the window is told
        await PassAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("/runs", (await _receiver.SingleAsync()).Path);
    }
}

public sealed class AnomalyTestsOnPostgres() : AnomalyTests(DatabaseProvider.Postgres);
