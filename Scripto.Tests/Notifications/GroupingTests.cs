using Scripto.Core;
using Scripto.Core.Notifications;
using Scripto.Core.Scripts;

namespace Scripto.Tests.Notifications;

/// <summary>Alertmanager's grouping on a fake clock: a bad night is a few messages, and every one of them says it all.</summary>
public class GroupingTests : IAsyncLifetime
{
    private readonly NotifyCore _core;

    public GroupingTests() : this(DatabaseProvider.Sqlite) { }

    protected GroupingTests(DatabaseProvider provider) => _core = new NotifyCore(provider: provider);

    public Task InitializeAsync() => _core.ChannelAsync("""{"name": "ops", "kind": "webhook", "url": "https://hooks.example/ops"}""");

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private static string Server(int i) => $"srv-{"abc"[i % 3]}";

    private async Task<long[]> UpAsync(int count, int from = 0)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++) ids[i] = await _core.ReportAsync($"job-{from + i}", Server(from + i), Signal.Success);
        return ids;
    }

    private async Task FailAsync(int count, int from = 0, TimeSpan? spacing = null)
    {
        for (var i = 0; i < count; i++)
        {
            await _core.ReportAsync($"job-{from + i}", Server(from + i), Signal.Failure, exitCode: 3, output: "starting\ndisk full\n");
            _core.Clock.Advance(spacing ?? TimeSpan.FromMilliseconds(200));
        }
    }

    [Fact]
    public async Task Fifty_scripts_on_three_servers_failing_within_ten_seconds_make_three_messages_after_group_wait()
    {
        await UpAsync(50);
        await FailAsync(50); // 10 s in all
        await _core.PlanAsync();
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(19.9)); // 29.9 s after the first failure
        Assert.Empty(await _core.MessagesAsync());

        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(1)); // each group waited 30 s from its own first failure

        var messages = await _core.MessagesAsync();
        Assert.Equal(["srv-a", "srv-b", "srv-c"], messages.Select(m => m.GroupKey).Order());
        Assert.All(messages, m => Assert.Equal(NotificationEvent.Down, m.Event));
        Assert.Equal(50, messages.Sum(m => m.Scripts.Count));
        var a = messages.Single(m => m.GroupKey == "srv-a");
        Assert.Equal(17, a.Scripts.Count);
        Assert.Equal(a.Scripts.OrderByDescending(s => s.Since).Select(s => s.Id), a.Scripts.Select(s => s.Id)); // newest first
        var first = a.Scripts[^1];
        Assert.Equal(("job-0", "srv-a", "failed", "reported failure (exit code 3)", 3, "disk full"),
            (first.Name, first.Server, first.Status, first.Reason, first.LastExitCode, first.LastOutputLine));
        Assert.Equal($"https://scripto.example/scripts/{first.Id}", first.Url);
        Assert.Equal(("ops", "server"), (a.Channel, a.GroupBy));
    }

    [Fact]
    public async Task Ten_more_on_one_server_two_minutes_later_make_one_more_message_at_the_next_group_interval_then_all_recovering_resolves()
    {
        await UpAsync(60);
        await FailAsync(30);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, (await _core.MessagesAsync()).Count);

        _core.Clock.Advance(TimeSpan.FromMinutes(2));
        for (var i = 30; i < 60; i += 3) await FailAsync(1, from: i); // ten more, all on srv-a
        await _core.PlanAsync();
        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(2.5)); // 4.5 min after the first message
        Assert.Equal(3, (await _core.MessagesAsync()).Count);

        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(0.5)); // group_interval after the first message

        var messages = await _core.MessagesAsync();
        Assert.Equal(4, messages.Count);
        Assert.Equal(("srv-a", NotificationEvent.Down, 20), (messages[3].GroupKey, messages[3].Event, messages[3].Scripts.Count));
        Assert.All(messages[3].Scripts.Take(10), s => Assert.True(int.Parse(s.Name[4..]) >= 30)); // the new ones first

        for (var i = 0; i < 60; i++)
            if (i < 30 || i % 3 == 0) await _core.ReportAsync($"job-{i}", Server(i), Signal.Success);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(5));

        var resolved = (await _core.MessagesAsync()).Skip(4).ToList();
        Assert.Equal(["srv-a", "srv-b", "srv-c"], resolved.Select(m => m.GroupKey).Order());
        Assert.All(resolved, m => Assert.Equal(NotificationEvent.Resolved, m.Event));
        Assert.Equal(40, resolved.Sum(m => m.Resolved.Count));
        Assert.All(resolved.SelectMany(m => m.Resolved), s => Assert.True(s.DownForSeconds > 0));
        Assert.Equal(0, _core.Count("SELECT count(*) FROM alert_groups")); // over: the next failure starts a new group
    }

    [Fact]
    public async Task A_script_that_recovers_inside_group_wait_is_never_announced()
    {
        await UpAsync(2);
        await FailAsync(1);
        await _core.PlanAsync();
        _core.Clock.Advance(TimeSpan.FromSeconds(10));
        await _core.ReportAsync("job-0", "srv-a", Signal.Success);

        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(30));

        Assert.Empty(await _core.MessagesAsync());
        Assert.Equal(0, _core.Count("SELECT count(*) FROM alert_groups"));
    }

    [Fact]
    public async Task A_group_that_changed_nothing_says_nothing_until_its_reminder()
    {
        await _core.ChannelAsync("""{"name": "mail", "kind": "email", "to": ["ops@example.com"], "repeat_interval": "1h"}""");
        await UpAsync(1);
        await FailAsync(1);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, (await _core.MessagesAsync()).Count); // one per channel

        for (var i = 0; i < 11; i++) await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(2, (await _core.MessagesAsync()).Count);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(5));

        var reminder = (await _core.MessagesAsync()).Skip(2).Single();
        Assert.Equal(("mail", NotificationEvent.Reminder, "job-0"), (reminder.Channel, reminder.Event, reminder.Scripts.Single().Name));
    }

    [Fact]
    public async Task With_group_by_none_one_message_covers_every_server_and_a_channel_takes_only_its_servers_and_names()
    {
        await _core.ChannelAsync("""{"name": "all", "kind": "slack", "url": "https://chat.example/hook", "group_by": "none"}""");
        await _core.ChannelAsync("""{"name": "b-only", "kind": "slack", "url": "https://chat.example/b", "servers": ["srv-b"], "names": ["job-?"]}""");
        await UpAsync(12);
        await FailAsync(12);

        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(30));

        var messages = await _core.MessagesAsync();
        Assert.Equal(12, messages.Single(m => m.Channel == "all").Scripts.Count);
        Assert.Equal(["job-1", "job-4", "job-7"], messages.Single(m => m.Channel == "b-only").Scripts.Select(s => s.Name).Order());
    }

    [Fact]
    public async Task A_group_state_survives_a_restart_so_nothing_is_lost_nor_repeated()
    {
        _core.KeepDatabase = true;
        await UpAsync(3);
        await FailAsync(3);
        await _core.PlanAsync(); // grouped, not yet sent
        await using var restarted = new NotifyCore(_core.Database, _core.Clock, provider: _core.DatabaseProvider);

        await restarted.AdvanceAndPlanAsync(TimeSpan.FromSeconds(30));
        await restarted.AdvanceAndPlanAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(3, (await restarted.MessagesAsync()).Count);
        Assert.Equal(0, restarted.Count("SELECT count(*) FROM alert_events"));
    }
}

public sealed class GroupingTestsOnPostgres() : GroupingTests(DatabaseProvider.Postgres);
