using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core;
using Scripto.Core.Maintenance;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>
/// A maintenance window opened on a server whose heartbeat went silent (SILENT told) is not the server reporting
/// again: nothing is sent when it opens nor when it ends while the server is still silent (it was told, and never
/// resolved); RESOLVED comes when the heartbeat reports (review 3, W2). Fake clock, real writer, planner,
/// dispatcher and HTTP receiver.
/// </summary>
public class SilenceInWindowTests : IAsyncLifetime
{
    private HttpReceiver _receiver = null!;
    private readonly NotifyCore _core;

    public SilenceInWindowTests() : this(DatabaseProvider.Sqlite) { }

    protected SilenceInWindowTests(DatabaseProvider provider) => _core = new NotifyCore(provider: provider);

    public async Task InitializeAsync()
    {
        _receiver = await HttpReceiver.StartAsync();
        await _core.ChannelAsync($$"""{"name": "ops", "kind": "webhook", "url": "{{_receiver.Url("hook")}}", "group_wait": "0s", "group_interval": "1s"}""");
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<List<string>> ReceivedAsync()
    {
        await _core.DispatchAsync();
        return _receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("event").GetString()!).ToList();
    }

    /// <summary>Moves the clock, lets the windows' edges and time flip what they do, and lets the planner run.</summary>
    private async Task PassAsync(TimeSpan by)
    {
        _core.Clock.Advance(by);
        await _core.Writer.ApplyMaintenanceAsync();
        await _core.FlipOverdueAsync();
        await _core.PlanAsync();
        _core.Clock.Advance(TimeSpan.FromSeconds(31));
        await _core.PlanAsync();
    }

    [Fact]
    public async Task A_window_on_a_silent_server_sends_no_resolved_and_its_end_no_second_silent()
    {
        var everyFiveMinutes = Schedule.Every(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        await _core.Writer.ReportAsync("alive", "web-1", new ScriptReport(Signal.Success), everyFiveMinutes, heartbeat: true);
        await PassAsync(TimeSpan.FromMinutes(6));
        Assert.Equal(["silent"], await ReceivedAsync());

        var windows = _core.Provider.GetRequiredService<MaintenanceService>();
        var opened = await windows.CreateAsync(new MaintenanceInput { Servers = ["web-1"], For = "30m", Reason = "upgrade" }, new MaintenanceRequester("ops", Admin: true));
        Assert.NotNull(opened.Window);
        await PassAsync(TimeSpan.FromSeconds(1));
        await PassAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(["silent"], await ReceivedAsync()); // no "RESOLVED: web-1 reports again": nothing reported

        await PassAsync(TimeSpan.FromMinutes(30)); // the window ended, still silent: told already
        Assert.Equal(["silent"], await ReceivedAsync());

        await _core.Writer.ReportAsync("alive", "web-1", new ScriptReport(Signal.Success));
        await PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["silent", "resolved"], await ReceivedAsync());
    }
}

public sealed class SilenceInWindowTestsOnPostgres() : SilenceInWindowTests(DatabaseProvider.Postgres);
