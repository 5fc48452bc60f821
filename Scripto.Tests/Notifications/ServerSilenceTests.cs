using System.Text.Json;
using Scripto.Core;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>
/// "Server silent" (inhibition with equal: [server]) on a fake clock, through the real writer, planner and dispatcher
/// to a real HTTP receiver: a server whose scripts all stopped reporting is one message, not one per script.
/// </summary>
public class ServerSilenceTests : IAsyncLifetime
{
    private static readonly Schedule Hourly = Schedule.Every(Periodicity.Hourly); // down 6 min after due
    private HttpReceiver _receiver = null!;
    private readonly NotifyCore _core;

    public ServerSilenceTests() : this(DatabaseProvider.Sqlite) { }

    protected ServerSilenceTests(DatabaseProvider provider) => _core = new NotifyCore(provider: provider);

    public async Task InitializeAsync()
    {
        _receiver = await HttpReceiver.StartAsync();
        await _core.ChannelAsync($$"""{"name": "ops", "kind": "webhook", "url": "{{_receiver.Url("hook")}}"}""");
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    /// <summary>What the receiver got, in order: each body's event, silent server and script names.</summary>
    private async Task<List<(string Event, string? Server, string[] Scripts, string[] Resolved)>> ReceivedAsync()
    {
        await _core.DispatchAsync();
        return _receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).Select(body => (
            body.GetProperty("event").GetString()!,
            body.TryGetProperty("silent", out var silent) ? silent.GetProperty("server").GetString() : null,
            body.GetProperty("scripts").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order().ToArray(),
            body.GetProperty("resolved").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order().ToArray())).ToList();
    }

    /// <summary>Moves the clock, lets time flip what is overdue, and lets the planner run.</summary>
    private async Task PassAsync(TimeSpan by)
    {
        _core.Clock.Advance(by);
        await _core.FlipOverdueAsync();
        await _core.PlanAsync();
    }

    private static string Job(int i) => $"job-{i:00}";

    [Fact]
    public async Task A_server_whose_twelve_scripts_all_stop_reporting_is_one_silent_message_then_one_resolved_when_it_reports_again()
    {
        for (var i = 0; i < 12; i++) await _core.ReportAsync(Job(i), "db-1", Signal.Success, Hourly);
        await _core.ReportAsync("web.sh", "web-1", Signal.Success, Hourly); // another server, reporting on

        await PassAsync(TimeSpan.FromMinutes(60)); // due: late, not yet down
        _core.Clock.Advance(TimeSpan.FromMinutes(1));
        await _core.ReportAsync("web.sh", "web-1", Signal.Success);
        await PassAsync(TimeSpan.FromMinutes(5)); // 66 min: all twelve down at once
        await PassAsync(TimeSpan.FromSeconds(30)); // group_wait

        var silent = Assert.Single(await ReceivedAsync());
        Assert.Equal(("silent", "db-1"), (silent.Event, silent.Server));
        Assert.Equal(Enumerable.Range(0, 12).Select(Job), silent.Scripts);
        var body = JsonDocument.Parse(_receiver.Requests[0].Body).RootElement;
        Assert.Equal("db-1", body.GetProperty("group").GetProperty("key").GetString());

        await PassAsync(TimeSpan.FromMinutes(10)); // still silent: nothing more
        Assert.Single(await ReceivedAsync());

        for (var i = 0; i < 12; i++) await _core.ReportAsync(Job(i), "db-1", Signal.Success);
        await PassAsync(TimeSpan.FromMinutes(5)); // the group's next interval

        var messages = await ReceivedAsync();
        Assert.Equal(2, messages.Count);
        Assert.Equal(("resolved", "db-1"), (messages[1].Event, messages[1].Server));
        Assert.Equal(Enumerable.Range(0, 12).Select(Job), messages[1].Resolved);
        Assert.Empty(messages[1].Scripts);

        await PassAsync(TimeSpan.FromMinutes(30));
        Assert.Equal(2, (await ReceivedAsync()).Count);
        Assert.Equal(0, _core.Count("SELECT count(*) FROM alert_groups")); // over
    }

    [Fact]
    public async Task Scripts_down_on_a_server_that_still_reports_are_told_one_by_one_as_before()
    {
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success, Hourly);
        await _core.ReportAsync("vacuum.sh", "db-1", Signal.Success, Hourly);
        await _core.ReportAsync("stats.sh", "db-1", Signal.Success, Hourly);

        _core.Clock.Advance(TimeSpan.FromMinutes(62));
        await _core.ReportAsync("stats.sh", "db-1", Signal.Success); // the server speaks, after the others were due
        await PassAsync(TimeSpan.FromMinutes(4)); // 66 min: backup.sh and vacuum.sh down
        await PassAsync(TimeSpan.FromSeconds(30));

        var down = Assert.Single(await ReceivedAsync());
        Assert.Equal(("down", null), (down.Event, down.Server));
        Assert.Equal(["backup.sh", "vacuum.sh"], down.Scripts);
    }

    [Fact]
    public async Task A_down_heartbeat_makes_its_server_silent_at_once_mutes_the_rest_and_its_recovery_resolves()
    {
        var everyFiveMinutes = Schedule.Every(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        var beat = await _core.Writer.ReportAsync("heartbeat", "db-1", new ScriptReport(Signal.Success), everyFiveMinutes, heartbeat: true);
        Assert.True(beat.Script!.Heartbeat);
        for (var i = 0; i < 3; i++) await _core.ReportAsync(Job(i), "db-1", Signal.Success, Hourly);

        await PassAsync(TimeSpan.FromMinutes(6)); // the heartbeat is down; the jobs are not even due
        await PassAsync(TimeSpan.FromSeconds(30));

        var silent = Assert.Single(await ReceivedAsync());
        Assert.Equal(("silent", "db-1"), (silent.Event, silent.Server));
        Assert.Equal(["heartbeat"], silent.Scripts);
        var body = JsonDocument.Parse(_receiver.Requests[0].Body).RootElement;
        Assert.Equal("heartbeat", body.GetProperty("silent").GetProperty("heartbeat").GetString());

        await PassAsync(TimeSpan.FromMinutes(60)); // 66.5 min: the three jobs go down, muted
        await PassAsync(TimeSpan.FromMinutes(5));
        Assert.Single(await ReceivedAsync());

        await _core.Writer.ReportAsync("heartbeat", "db-1", new ScriptReport(Signal.Success));
        await PassAsync(TimeSpan.FromMinutes(5));

        var messages = await ReceivedAsync();
        Assert.Equal(2, messages.Count);
        Assert.Equal(("resolved", "db-1"), (messages[1].Event, messages[1].Server));
        Assert.Equal(["heartbeat"], messages[1].Resolved);
        Assert.Equal([Job(0), Job(1), Job(2)], messages[1].Scripts); // still down once it speaks: told, not lost
    }

    [Fact]
    public async Task A_server_silent_across_a_restart_is_neither_told_twice_nor_forgotten()
    {
        _core.KeepDatabase = true;
        for (var i = 0; i < 4; i++) await _core.ReportAsync(Job(i), "db-1", Signal.Success, Hourly);
        await PassAsync(TimeSpan.FromMinutes(66));
        await PassAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("silent", Assert.Single(await ReceivedAsync()).Event);

        await using var restarted = new NotifyCore(_core.Database, _core.Clock, provider: _core.DatabaseProvider);
        restarted.Clock.Advance(TimeSpan.FromMinutes(5));
        await restarted.PlanAsync();
        Assert.Empty(await restarted.MessagesAsync()); // the silence was told: no second message
        for (var i = 0; i < 4; i++) await restarted.ReportAsync(Job(i), "db-1", Signal.Success);
        await restarted.AdvanceAndPlanAsync(TimeSpan.FromMinutes(5));

        var resolved = Assert.Single(await restarted.MessagesAsync());
        Assert.Equal((Scripto.Core.Notifications.NotificationEvent.Resolved, "db-1", 4), (resolved.Event, resolved.Server, resolved.Resolved.Count));
    }
}

public sealed class ServerSilenceTestsOnPostgres() : ServerSilenceTests(DatabaseProvider.Postgres);
