using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core.Changes;
using Scripto.Core.Maintenance;
using Scripto.Core.Persistence;
using Scripto.Core.Reading;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>
/// The dashboard's counters are kept from the change feed (StatusTally), not counted: after every kind of change they
/// say what a count of the whole table says, and what a person expects.
/// </summary>
public sealed class StatusTallyTests : IAsyncLifetime
{
    private static readonly Schedule Hourly = Schedule.Every(TimeSpan.FromHours(1), TimeSpan.FromMinutes(10));
    private readonly CoreServices _core = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private ScriptWriter Writer => _core.Get<ScriptWriter>();
    private DashboardQueries Queries => _core.Get<DashboardQueries>();

    private async Task<long> ReportAsync(string name, Signal signal, Schedule? schedule = null) =>
        (await Writer.ReportAsync(name, "db-1", new ScriptReport(signal), schedule is { } s ? s : default(Optional<Schedule>))).Script!.Id;

    /// <summary>The rule computed on every row, grouped, at the clock's time: what the tally stands in for.</summary>
    private async Task<StatusCounts> CountedInSqlAsync()
    {
        var now = _core.Clock.GetUtcNow().UtcDateTime;
        await using var db = await _core.Get<IDbContextFactory<ScriptoDbContext>>().CreateDbContextAsync();
        var counts = await db.Scripts.Select(ScriptStatusRule.At(now)).GroupBy(s => s).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        int Of(params ScriptStatus[] statuses) => statuses.Sum(counts.GetValueOrDefault);
        return new StatusCounts(Of(ScriptStatus.Failed, ScriptStatus.Down), Of(ScriptStatus.Late), Of(ScriptStatus.Ok, ScriptStatus.Soon, ScriptStatus.Running),
            Of(ScriptStatus.NeverReported), Of(ScriptStatus.Paused), Of(ScriptStatus.Maintenance));
    }

    /// <summary>
    /// The counters become <paramref name="expected"/> (the writer completes a write just before it publishes it, so
    /// the feed may name it a moment later), and are then what a count of the table says.
    /// </summary>
    private async Task CountersBecomeAsync(StatusCounts expected, string after)
    {
        var tally = _core.Get<StatusTally>();
        await Eventually.TrueAsync(() => { tally.Prepare(); return tally.Ready; }, "the tally read the table"); // else the page counts in SQL
        try
        {
            await Eventually.TrueAsync(async () => await Queries.CountsAsync() == expected, $"counters after {after}", 5000);
        }
        catch (TimeoutException)
        {
            Assert.Equal(expected, await Queries.CountsAsync()); // says what they were
        }
        Assert.Equal(expected, await CountedInSqlAsync());
    }

    [Fact]
    public async Task The_counters_follow_reports_a_pause_and_a_delete_without_counting_the_table()
    {
        var ok = await ReportAsync("ok.sh", Signal.Success, Hourly);
        var failing = await ReportAsync("failing.sh", Signal.Failure, Hourly);
        var paused = await ReportAsync("nightly.sh", Signal.Success, Hourly);
        await CountersBecomeAsync(new StatusCounts(Failing: 1, Late: 0, OnTime: 2, NeverReported: 0), "three reports");

        await ReportAsync("failing.sh", Signal.Success);
        await CountersBecomeAsync(new StatusCounts(0, 0, 3, 0), "the failed one recovered");

        await ReportAsync("ok.sh", Signal.Failure);
        await CountersBecomeAsync(new StatusCounts(1, 0, 2, 0), "another failed");

        await Writer.UpdateAsync(paused, new ScriptChanges { Paused = true });
        await CountersBecomeAsync(new StatusCounts(1, 0, 1, 0, Paused: 1), "a pause");

        await Writer.DeleteAsync(ok);
        await CountersBecomeAsync(new StatusCounts(0, 0, 1, 0, Paused: 1), "the failed one deleted");

        await Writer.DeleteAsync(failing);
        await Writer.DeleteAsync(paused);
        await CountersBecomeAsync(new StatusCounts(0, 0, 0, 0), "every script deleted");
    }

    [Fact]
    public async Task The_counters_follow_the_clock_late_then_down_by_the_time_worker_s_flip()
    {
        await ReportAsync("hourly.sh", Signal.Success, Hourly); // due in 1 h, down 10 min after
        await ReportAsync("other.sh", Signal.Success, Schedule.Every(Periodicity.Daily));
        await CountersBecomeAsync(new StatusCounts(0, 0, 2, 0), "two reports");

        _core.Clock.Advance(TimeSpan.FromMinutes(61)); // late by the clock alone: nothing is written
        await CountersBecomeAsync(new StatusCounts(0, 1, 1, 0), "its due time");

        _core.Clock.Advance(TimeSpan.FromMinutes(10)); // past grace: the time worker flips it down
        await Eventually.TrueAsync(() => (string?)DatabaseContents.Scalar(_core.ConnectionString, "SELECT health FROM scripts WHERE name = 'hourly.sh'") == "Down",
            "the worker flips it down");
        await CountersBecomeAsync(new StatusCounts(1, 0, 1, 0), "the flip");

        await ReportAsync("hourly.sh", Signal.Success);
        await CountersBecomeAsync(new StatusCounts(0, 0, 2, 0), "its next report");
    }

    [Fact]
    public async Task The_counters_follow_a_maintenance_window_opening_and_ending()
    {
        await ReportAsync("backup.sh", Signal.Success, Hourly);
        await ReportAsync("other.sh", Signal.Success, Schedule.Every(Periodicity.Daily));
        _core.Clock.Advance(TimeSpan.FromMinutes(61));
        await CountersBecomeAsync(new StatusCounts(0, 1, 1, 0), "its due time");

        var windows = _core.Provider.GetRequiredService<MaintenanceService>();
        var opened = await windows.CreateAsync(new MaintenanceInput { Servers = ["db-1"], For = "30m", Reason = "upgrade" }, new MaintenanceRequester("ops", Admin: true));
        Assert.NotNull(opened.Window);
        await CountersBecomeAsync(new StatusCounts(0, 0, 1, 0, Maintenance: 1), "the window opened");

        _core.Clock.Advance(TimeSpan.FromMinutes(31)); // the window's end, by the clock
        await CountersBecomeAsync(new StatusCounts(1, 0, 1, 0), "the window's end (down by then)");
    }

    [Fact]
    public async Task A_status_that_turns_by_the_clock_alone_is_counted_at_its_new_status_before_anyone_announces_it()
    {
        await ReportAsync("hourly.sh", Signal.Success, Hourly); // due at 60 min, down at 70
        await ReportAsync("other.sh", Signal.Success, Schedule.Every(Periodicity.Daily));
        // A tally on a feed of its own, which nothing publishes to: only the times it holds can move its counts.
        var tally = new StatusTally(_core.Get<IDbContextFactory<ScriptoDbContext>>(), _core.Clock, new ScriptChangeFeed());
        Assert.Equal((0, 2), Of(await tally.CountAsync(), ScriptStatus.Late, ScriptStatus.Ok));

        _core.Clock.Advance(TimeSpan.FromMinutes(60));
        Assert.Equal((1, 1), Of(await tally.CountAsync(), ScriptStatus.Late, ScriptStatus.Ok));

        _core.Clock.Advance(TimeSpan.FromMinutes(10)); // down by the clock (the rule's, before any flip is written)
        Assert.Equal((0, 1), Of(await tally.CountAsync(), ScriptStatus.Late, ScriptStatus.Ok));
        Assert.Equal(1, (await tally.CountAsync())![(int)ScriptStatus.Down]);

        static (int, int) Of(int[]? counts, ScriptStatus a, ScriptStatus b) => (counts![(int)a], counts[(int)b]);
    }

    [Fact]
    public async Task Told_that_changes_were_missed_the_counters_read_the_table_again()
    {
        await ReportAsync("backup.sh", Signal.Success, Hourly);
        await CountersBecomeAsync(new StatusCounts(0, 0, 1, 0), "a report");

        // A change the feed never heard of (as another node's, while this one could not hear them).
        DatabaseContents.Scalar(_core.ConnectionString, "UPDATE scripts SET paused = 1 WHERE name = 'backup.sh'");
        Assert.Equal(new StatusCounts(0, 0, 1, 0), await Queries.CountsAsync()); // kept, not counted: it cannot know

        _core.Get<ScriptChangeFeed>().PublishEverythingChanged();
        await CountersBecomeAsync(new StatusCounts(0, 0, 0, 0, Paused: 1), "everything changed");
    }

    [Fact]
    public async Task A_write_that_bypassed_the_writer_shows_once_the_table_is_read_again_in_the_background()
    {
        await ReportAsync("backup.sh", Signal.Success, Schedule.Every(Periodicity.Daily));
        await CountersBecomeAsync(new StatusCounts(0, 0, 1, 0), "a report");

        DatabaseContents.Scalar(_core.ConnectionString, "UPDATE scripts SET paused = 1 WHERE name = 'backup.sh'"); // sqlite3 by hand
        _core.Clock.Advance(StatusTally.ReadAgainAfter);
        await CountersBecomeAsync(new StatusCounts(0, 0, 0, 0, Paused: 1), "a minute: the table read again");
    }
}
