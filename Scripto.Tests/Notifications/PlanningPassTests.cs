using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core;
using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Planning;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;

namespace Scripto.Tests.Notifications;

/// <summary>
/// A planning pass over many events: those of scripts no channel takes are consumed and say nothing, the others are
/// told as usual, and flapping is counted whether or not a channel listens yet.
/// </summary>
public class PlanningPassTests : IAsyncLifetime
{
    private readonly NotifyCore _core;

    public PlanningPassTests() : this(DatabaseProvider.Sqlite) { }

    protected PlanningPassTests(DatabaseProvider provider) => _core = new NotifyCore(provider: provider, flapLimit: 6);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Hundreds_of_flips_of_scripts_no_channel_takes_are_consumed_in_one_pass_and_only_the_taken_script_is_told()
    {
        await _core.ChannelAsync("""{"name": "web", "kind": "webhook", "url": "https://hooks.example/web", "servers": ["web-1"], "group_wait": "30s"}""");
        for (var i = 0; i < 300; i++) await _core.ReportAsync($"db-job-{i}", "db-1", Signal.Success);
        await _core.ReportAsync("site.sh", "web-1", Signal.Success);
        for (var i = 0; i < 300; i++) await _core.ReportAsync($"db-job-{i}", "db-1", Signal.Failure, exitCode: 1);
        await _core.ReportAsync("site.sh", "web-1", Signal.Failure, exitCode: 2, output: "503 from upstream\n");
        for (var i = 0; i < 300; i++) await _core.ReportAsync($"db-job-{i}", "db-1", Signal.Success);
        Assert.Equal(601, _core.Count("SELECT count(*) FROM alert_events")); // more than one statement's worth, once

        await _core.PlanAsync();
        Assert.Equal(0, _core.Count("SELECT count(*) FROM alert_events"));
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(31));

        var message = Assert.Single(await _core.MessagesAsync());
        Assert.Equal((NotificationEvent.Down, "web-1"), (message.Event, message.GroupKey));
        var site = Assert.Single(message.Scripts);
        Assert.Equal(("site.sh", 2, "503 from upstream"), (site.Name, site.LastExitCode, site.LastOutputLine));
    }

    [Fact]
    public async Task With_no_channel_at_all_events_are_consumed_and_nothing_is_planned()
    {
        for (var i = 0; i < 50; i++) await _core.ReportAsync($"job-{i}", "db-1", Signal.Success);
        for (var i = 0; i < 50; i++) await _core.ReportAsync($"job-{i}", "db-1", Signal.Failure);

        await _core.PlanAsync();
        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(0, _core.Count("SELECT count(*) FROM alert_events"));
        Assert.Equal(0, _core.Count("SELECT count(*) FROM alert_groups"));
        Assert.Empty(await _core.MessagesAsync());
    }

    [Fact]
    public async Task A_script_that_started_flapping_before_any_channel_existed_is_still_silent_for_a_new_channel_until_it_settles()
    {
        await _core.ReportAsync("flappy.sh", "db-1", Signal.Success);
        for (var i = 0; i < 4; i++) // eight changes within the hour, no channel yet
        {
            await _core.ReportAsync("flappy.sh", "db-1", Signal.Failure);
            await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(2));
            await _core.ReportAsync("flappy.sh", "db-1", Signal.Success);
            await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(2));
        }
        await _core.ChannelAsync("""{"name": "ops", "kind": "webhook", "url": "https://hooks.example/ops", "group_wait": "0s", "group_interval": "1s"}""");

        await _core.ReportAsync("flappy.sh", "db-1", Signal.Failure);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(2));
        Assert.Empty(await _core.MessagesAsync()); // flapping: not news

        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(59));
        var ended = Assert.Single(await _core.MessagesAsync());
        Assert.Equal(NotificationEvent.Down, ended.Event);
        Assert.StartsWith("stopped flapping: down since", ended.Scripts.Single().Reason);
        Assert.Equal(0, _core.Count("SELECT count(*) FROM script_flaps")); // settled for an hour: forgotten
    }

    /// <summary>Flips a script eight times within eight minutes (the limit is six) and plans; when it last changed.</summary>
    private async Task<DateTime> FlapAsync(string name)
    {
        await _core.ReportAsync(name, "db-1", Signal.Success);
        var last = _core.Now;
        for (var i = 0; i < 4; i++)
        {
            await _core.ReportAsync(name, "db-1", Signal.Failure);
            _core.Clock.Advance(TimeSpan.FromMinutes(1));
            await _core.ReportAsync(name, "db-1", Signal.Success);
            last = _core.Now;
            _core.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        await _core.PlanAsync();
        return last;
    }

    [Fact]
    public async Task A_pass_over_other_scripts_still_says_when_the_first_flapping_script_settles_and_that_pass_tells_it_alone()
    {
        var early = await FlapAsync("early.sh");
        _core.Clock.Advance(TimeSpan.FromMinutes(10));
        var late = await FlapAsync("late.sh");
        Assert.Equal(2, _core.Count("SELECT count(*) FROM script_flaps WHERE flapping"));

        // A pass whose only event is another script's: it reads neither flapping script's state, and must still wake
        // when early.sh has been stable for an hour (nothing else would wake it then).
        await _core.ReportAsync("other.sh", "db-2", Signal.Failure);
        var planner = _core.Provider.GetRequiredService<NotificationPlanner>();
        var (next, _) = await planner.PlanAsync(CancellationToken.None);
        Assert.Equal(early + TimeSpan.FromHours(1), next);

        _core.Clock.Advance(next!.Value - _core.Now);
        (next, _) = await planner.PlanAsync(CancellationToken.None);
        Assert.Equal(1, _core.Count("SELECT count(*) FROM script_flaps WHERE flapping")); // early.sh settled, late.sh not yet
        Assert.Equal(late + TimeSpan.FromHours(1), next);

        _core.Clock.Advance(next!.Value - _core.Now);
        (next, _) = await planner.PlanAsync(CancellationToken.None);
        Assert.Equal(0, _core.Count("SELECT count(*) FROM script_flaps WHERE flapping"));
    }

    [Fact]
    public async Task A_script_deleted_while_flapping_is_never_told_and_a_new_one_of_its_name_is_news_again()
    {
        await _core.ChannelAsync("""{"name": "ops", "kind": "webhook", "url": "https://hooks.example/ops", "group_wait": "0s", "group_interval": "1s"}""");
        var last = await FlapAsync("doomed.sh");
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(1));
        var told = (await _core.MessagesAsync()).Count;
        Assert.Equal(NotificationEvent.Flapping, (await _core.MessagesAsync()).Last().Event);
        var id = await _core.ReportAsync("doomed.sh", "db-1", Signal.Success); // no change: it ended up
        await _core.Writer.DeleteAsync(id);

        // The pass at the time it would have settled: its state went with it (the planner may still hold it in memory),
        // nothing is told of it, nothing is written for it, and the passes after it go on.
        _core.Clock.Advance(last + TimeSpan.FromHours(1) - _core.Now);
        var planner = _core.Provider.GetRequiredService<NotificationPlanner>();
        var (next, _) = await planner.PlanAsync(CancellationToken.None);
        Assert.Null(next); // nothing left to wait for
        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(told, (await _core.MessagesAsync()).Count);
        Assert.Equal(0, _core.Count("SELECT count(*) FROM script_flaps"));

        // Made again (a new script, a new id): its first failure is news, not the old one's flapping.
        await _core.ReportAsync("doomed.sh", "db-1", Signal.Success);
        await _core.ReportAsync("doomed.sh", "db-1", Signal.Failure, exitCode: 1);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(1));
        var down = (await _core.MessagesAsync()).Skip(told).Single();
        Assert.Equal((NotificationEvent.Down, "doomed.sh"), (down.Event, down.Scripts.Single().Name));
    }
}

public sealed class PlanningPassTestsOnPostgres() : PlanningPassTests(DatabaseProvider.Postgres);

/// <summary>SQLite's plan for the flapping states the planner reads when it fills its memory of them (PostgreSQL's planner finds its partial index unaided).</summary>
public sealed class FlappingQueryPlanTests : IAsyncLifetime
{
    private readonly NotifyCore _core = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task The_flapping_states_are_read_through_their_partial_index_not_by_scanning_every_state()
    {
        await using var db = await _core.Provider.GetRequiredService<IDbContextFactory<ScriptoDbContext>>().CreateDbContextAsync();
        var query = NotificationPlanner.Flapping(db);
        // EF's text sets its parameters first (".param set ..."): left out, they are null for the plan.
        var sql = string.Join('\n', query.ToQueryString().Split('\n').Where(line => !line.StartsWith(".param")));

        await using var connection = new SqliteConnection(_core.ConnectionString);
        connection.Open();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var rows = await explain.ExecuteReaderAsync();
        var plan = "";
        while (await rows.ReadAsync()) plan += rows.GetString(3) + "\n";

        Assert.Contains($"USING INDEX {FlapStateConfiguration.FlappingIndex}", plan);
    }
}
