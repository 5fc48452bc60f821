using Scripto.Core;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core.Maintenance;
using Scripto.Core.Reading;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Tests.Notifications;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Maintenance;

/// <summary>
/// During a window nothing is announced; at its end what is still down is, what was announced before and recovered
/// inside gets its resolved message, and what went down and came back inside says nothing. A real webhook receiver,
/// the real writer and planner on SQLite, a fake clock.
/// </summary>
public class MaintenanceAnnouncementTests : IAsyncLifetime
{
    private readonly DatabaseProvider _provider;

    public MaintenanceAnnouncementTests() : this(DatabaseProvider.Sqlite) { }

    protected MaintenanceAnnouncementTests(DatabaseProvider provider) => _provider = provider;

    private static readonly Schedule HalfHourly = Schedule.Every(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10));
    private static readonly Schedule Hourly = Schedule.Every(TimeSpan.FromHours(1), TimeSpan.FromMinutes(10));
    private static readonly MaintenanceRequester Admin = new("ops", Admin: true);

    private HttpReceiver _receiver = null!;
    private NotifyCore _core = null!;

    public async Task InitializeAsync()
    {
        _receiver = await HttpReceiver.StartAsync();
        _core = new NotifyCore(provider: _provider);
        await _core.ChannelAsync($$"""{"name": "ops", "kind": "webhook", "url": "{{_receiver.Url("hook")}}", "group_wait": "0s", "group_interval": "1s"}""");
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private MaintenanceService Windows => _core.Provider.GetRequiredService<MaintenanceService>();

    private async Task<MaintenanceWindow> OpenAsync(string server, string length)
    {
        var result = await Windows.CreateAsync(new MaintenanceInput { Servers = [server], For = length, Reason = "upgrade" }, Admin);
        return result.Window ?? throw new InvalidOperationException(string.Join("; ", result.Errors!));
    }

    /// <summary>What the time worker does as the clock moves: flips what is overdue, then plans and sends.</summary>
    private async Task AdvanceAsync(TimeSpan by)
    {
        _core.Clock.Advance(by);
        await _core.FlipOverdueAsync();
        await _core.PlanAsync();
        await _core.DispatchAsync();
    }

    private List<(string Event, string[] Down, string[] Resolved)> Received() =>
        _receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).Select(b => (
            b.GetProperty("event").GetString()!,
            b.GetProperty("scripts").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray(),
            b.GetProperty("resolved").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray())).ToList();

    private async Task<ScriptStatus> StatusAsync(long id) =>
        (await _core.Provider.GetRequiredService<ScriptQueries>().DetailsAsync(id))!.Status;

    [Fact]
    public async Task A_due_missed_inside_the_window_shows_maintenance_says_nothing_and_is_announced_at_its_end_when_still_down()
    {
        var job = await _core.ReportAsync("backup.sh", "db-1", Signal.Success, HalfHourly);
        await OpenAsync("db-1", "2h");

        await AdvanceAsync(TimeSpan.FromMinutes(45)); // due at 30 min, grace over at 40: down, in the window
        Assert.Equal(ScriptStatus.Maintenance, await StatusAsync(job));
        await AdvanceAsync(TimeSpan.FromMinutes(74));
        Assert.Empty(_receiver.Requests);
        Assert.Equal(1, _core.Count("SELECT count(*) FROM runs")); // the one report; the flip is still recorded as Down:
        Assert.Equal(1, _core.Count("SELECT count(*) FROM flips WHERE to_state = 'Down'"));

        await AdvanceAsync(TimeSpan.FromMinutes(1)); // the window's end
        await AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(ScriptStatus.Down, await StatusAsync(job));
        Assert.Equal([("down", "backup.sh")], Received().Select(m => (m.Event, m.Down.Single())));
    }

    [Fact]
    public async Task Down_and_back_inside_the_window_is_never_announced()
    {
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success, Hourly);
        await OpenAsync("db-1", "2h");

        await AdvanceAsync(TimeSpan.FromMinutes(75)); // down at 70 min, in the window
        await _core.ReportAsync("backup.sh", "db-1", Signal.Failure); // runs are still recorded in a window
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success); // next due at 135 min: after the window
        await AdvanceAsync(TimeSpan.FromMinutes(46));
        await AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Empty(_receiver.Requests);
        Assert.Equal(3, _core.Count("SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task A_script_announced_down_before_the_window_that_recovers_inside_it_is_resolved_when_it_ends()
    {
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success, Hourly);
        await _core.ReportAsync("backup.sh", "db-1", Signal.Failure);
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["down"], Received().Select(m => m.Event));

        await OpenAsync("db-1", "1h");
        await AdvanceAsync(TimeSpan.FromMinutes(10));
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success);
        await AdvanceAsync(TimeSpan.FromMinutes(49));
        Assert.Single(_receiver.Requests); // recovered, but the window holds the news

        await AdvanceAsync(TimeSpan.FromMinutes(1));
        await AdvanceAsync(TimeSpan.FromSeconds(1));

        var resolved = Received()[1];
        Assert.Equal("resolved", resolved.Event);
        Assert.Equal(["backup.sh"], resolved.Resolved);
        Assert.Equal(2, _receiver.Requests.Count);
    }

    [Fact]
    public async Task A_window_ended_early_announces_what_is_still_down_at_once()
    {
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success, HalfHourly);
        var window = await OpenAsync("db-1", "4h");
        await AdvanceAsync(TimeSpan.FromMinutes(45));
        Assert.Empty(_receiver.Requests);

        await Windows.EndAsync(window.Id, Admin);
        await AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal([("down", "backup.sh")], Received().Select(m => (m.Event, m.Down.Single())));
    }

    [Fact]
    public async Task A_script_outside_the_windows_scope_is_announced_as_usual()
    {
        await _core.ReportAsync("backup.sh", "db-2", Signal.Success, HalfHourly);
        await OpenAsync("db-1", "2h");

        await AdvanceAsync(TimeSpan.FromMinutes(40)); // down at 40 min, on time (a flip that comes late waits one grace more)
        await AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal([("down", "backup.sh")], Received().Select(m => (m.Event, m.Down.Single())));
    }

    [Fact]
    public async Task No_reminder_speaks_of_a_script_during_its_window_and_reminders_resume_after_it()
    {
        await _core.ChannelAsync($$"""{"name": "pager", "kind": "webhook", "url": "{{_receiver.Url("pager")}}", "group_wait": "0s", "group_interval": "1s", "repeat_interval": "1h"}""");
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success, Hourly);
        await _core.ReportAsync("backup.sh", "db-1", Signal.Failure);
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        int Pager() => _receiver.Requests.Count(r => r.Path == "/pager");
        Assert.Equal(1, Pager()); // down, told before the window

        await OpenAsync("db-1", "3h");
        for (var i = 0; i < 17; i++) await AdvanceAsync(TimeSpan.FromMinutes(10)); // 2 h 50 min of the window; a reminder due every hour
        Assert.Equal(1, Pager());

        await AdvanceAsync(TimeSpan.FromMinutes(11)); // the window is over; still down: reminded again
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        var reminder = JsonDocument.Parse(_receiver.Requests.Last(r => r.Path == "/pager").Body).RootElement;
        Assert.Equal(2, Pager());
        Assert.Equal("reminder", reminder.GetProperty("event").GetString());
    }
}

public sealed class MaintenanceAnnouncementTestsOnPostgres() : MaintenanceAnnouncementTests(DatabaseProvider.Postgres);
