using Microsoft.Extensions.Logging;
using Scripto.Core;
using Scripto.Core.Changes;
using Scripto.Core.Persistence;
using Scripto.Core.Reading;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>The time worker turns the passing of (fake) time into flips and announcements, with no report arriving.</summary>
public class TimeWorkerTests : IAsyncLifetime
{
    private readonly CoreServices _core;

    public TimeWorkerTests() : this(DatabaseProvider.Sqlite) { }

    // The worker runs as the host's service: no one starts it.
    protected TimeWorkerTests(DatabaseProvider provider) => _core = new CoreServices(keepRuns: 3, provider: provider);

    private ScriptWriter Writer => _core.Get<ScriptWriter>();
    private DateTime Now => _core.Clock.GetUtcNow().UtcDateTime;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private async Task<long> ReportAsync(string name, Signal signal = Signal.Success, Schedule? schedule = null) =>
        (await Writer.ReportAsync(name, "srv", new ScriptReport(signal), schedule is { } s ? s : default(Optional<Schedule>))).Script!.Id;

    private async Task<ScriptStatus> StatusAsync(long id) =>
        (await _core.Get<DashboardQueries>().PageAsync(new DashboardQuery(Take: 100))).Rows.Single(r => r.Id == id).Status;

    private object? Sql(string sql) => DatabaseContents.Scalar(_core.ConnectionString, sql);

    [Fact]
    public async Task An_hourly_script_goes_late_then_down_on_time_and_the_flip_is_recorded_with_its_reason()
    {
        var id = await ReportAsync("hourly.sh", schedule: Schedule.Every(Periodicity.Hourly)); // grace 6 min
        using var feed = _core.Get<ScriptChangeFeed>().Subscribe();
        await using var batches = new BatchReader(feed);

        _core.Clock.Advance(TimeSpan.FromMinutes(60));
        Assert.True(await batches.NamesAsync(id, TimeSpan.FromSeconds(15)), "the late script is announced");
        Assert.Equal(ScriptStatus.Late, await StatusAsync(id));
        Assert.Equal("Up", Sql($"SELECT health FROM scripts WHERE id = {id}"));

        _core.Clock.Advance(TimeSpan.FromMinutes(6));
        await Eventually.TrueAsync(() => (string?)Sql($"SELECT health FROM scripts WHERE id = {id}") == "Down", "the worker flips it down");
        Assert.Equal(ScriptStatus.Down, await StatusAsync(id));
        Assert.Equal("Up|Down|no report by 2017-08-02 15:16:25 UTC nor within its grace of 6m",
            Sql($"SELECT from_state || '|' || to_state || '|' || reason FROM flips WHERE script_id = {id} AND to_state = 'Down'"));
        Assert.Equal("2017-08-02 15:22:25", Sql($"SELECT at FROM flips WHERE script_id = {id} AND to_state = 'Down'"));
    }

    [Fact]
    public async Task A_failed_script_that_then_falls_silent_is_flipped_from_failed_to_down()
    {
        var id = await ReportAsync("hourly.sh", Signal.Failure, Schedule.Every(Periodicity.Hourly)); // grace 6 min
        Assert.Equal(ScriptStatus.Failed, await StatusAsync(id));
        Assert.Equal("Failed", Sql($"SELECT health FROM scripts WHERE id = {id}"));

        _core.Clock.Advance(TimeSpan.FromMinutes(66));

        await Eventually.TrueAsync(() => (string?)Sql($"SELECT health FROM scripts WHERE id = {id}") == "Down", "the worker flips it down");
        Assert.Equal(ScriptStatus.Down, await StatusAsync(id));
        Assert.Equal("Failed|Down|no report by 2017-08-02 15:16:25 UTC nor within its grace of 6m",
            Sql($"SELECT from_state || '|' || to_state || '|' || reason FROM flips WHERE script_id = {id} AND to_state = 'Down'"));
        Assert.Equal("New|Failed", Sql($"SELECT from_state || '|' || to_state FROM flips WHERE script_id = {id} ORDER BY id LIMIT 1"));
    }

    [Fact]
    public async Task A_boundary_that_passes_before_the_worker_heard_of_the_script_is_still_announced()
    {
        // Reported and overtaken by the clock at once: the worker's wake-up for the write comes after the jump.
        var id = await ReportAsync("quick.sh", schedule: Schedule.Every(TimeSpan.FromMinutes(5)));
        using var feed = _core.Get<ScriptChangeFeed>().Subscribe(); // after the report: only the worker names it now
        await using var batches = new BatchReader(feed);
        _core.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await batches.NamesAsync(id, TimeSpan.FromSeconds(15)), "the late script is announced by the worker");
    }

    [Fact]
    public async Task A_report_within_grace_wins_and_nothing_flips()
    {
        var id = await ReportAsync("daily.sh", schedule: Schedule.Every(Periodicity.Daily));
        var silent = await ReportAsync("twin.sh", schedule: Schedule.Every(Periodicity.Daily)); // same boundary, no report
        _core.Clock.Advance(TimeSpan.FromHours(24.5)); // late, in grace
        await ReportAsync("daily.sh");

        _core.Clock.Advance(TimeSpan.FromHours(1)); // past the old grace
        // The twin goes down in the same pass that would wrongly flip daily.sh: once it has, that pass is over.
        await Eventually.TrueAsync(() => (string?)Sql($"SELECT health FROM scripts WHERE id = {silent}") == "Down", "the silent twin goes down");

        Assert.Equal(ScriptStatus.Ok, await StatusAsync(id));
        Assert.Equal(0L, Sql($"SELECT count(*) FROM flips WHERE script_id = {id} AND to_state = 'Down'"));
    }

    [Fact]
    public async Task A_script_whose_row_cannot_be_reasoned_about_is_set_aside_for_an_hour_and_the_others_still_go_down()
    {
        var good = await ReportAsync("hourly.sh", schedule: Schedule.Every(Periodicity.Hourly));
        var bad = await ReportAsync("nightly.sh", schedule: Schedule.CronIn("0 3 * * *", "Europe/Paris"));
        _core.Clock.Advance(TimeSpan.FromMinutes(1));
        await ReportAsync("nightly.sh", Signal.Start); // running: its grace comes from its schedule
        // A database moved from a machine that knew a zone this one does not.
        Sql($"UPDATE scripts SET time_zone = 'Mars/Olympus_Mons' WHERE id = {bad}");

        _core.Clock.Advance(TimeSpan.FromHours(2)); // both past their grace

        await Eventually.TrueAsync(() => (string?)Sql($"SELECT health FROM scripts WHERE id = {good}") == "Down", "the good script still goes down");
        await Eventually.TrueAsync(() => _core.Logs.Entries.Any(e => e.Level == LogLevel.Error && e.Values.GetValueOrDefault("ScriptId") == bad.ToString()),
            "the script set aside is logged by id");
        // Looked at again in an hour, not every second.
        Assert.Equal((Now + TimeSpan.FromHours(1)).ToString("yyyy-MM-dd HH:mm:ss"), Sql($"SELECT down_at FROM scripts WHERE id = {bad}"));
        Assert.Equal("Up", Sql($"SELECT health FROM scripts WHERE id = {bad}"));
    }

    [Fact]
    public async Task A_run_that_never_finishes_is_flipped_down_after_its_grace()
    {
        var id = await ReportAsync("backup.sh", schedule: Schedule.Every(Periodicity.Daily, TimeSpan.FromMinutes(30)));
        _core.Clock.Advance(TimeSpan.FromHours(24));
        await ReportAsync("backup.sh", Signal.Start);
        Assert.Equal(ScriptStatus.Running, await StatusAsync(id));

        _core.Clock.Advance(TimeSpan.FromMinutes(30));

        await Eventually.TrueAsync(() => (string?)Sql($"SELECT health FROM scripts WHERE id = {id}") == "Down", "the unfinished run is flipped down");
        Assert.Contains("did not finish within its grace of 30m", (string?)Sql($"SELECT reason FROM flips WHERE script_id = {id} AND to_state = 'Down'"));
    }

    [Fact]
    public async Task Reports_record_flips_both_ways_with_their_reasons()
    {
        var id = await ReportAsync("job.sh");
        await Writer.ReportAsync("job.sh", "srv", new ScriptReport(Signal.Failure, ExitCode: 2));
        await Writer.ReportAsync("job.sh", "srv", new ScriptReport(Signal.Success, ExitCode: 0));

        Assert.Equal("New>Up:reported success|Up>Failed:reported failure (exit code 2)|Failed>Up:reported success (exit code 0)",
            string.Join("|", DatabaseContents.Column(_core.ConnectionString, $"SELECT from_state || '>' || to_state || ':' || reason FROM flips WHERE script_id = {id} ORDER BY id")));
    }

    [Fact]
    public async Task Histories_are_pruned_to_the_configured_count_off_the_report_path()
    {
        var id = await ReportAsync("chatty.sh");
        for (var i = 0; i < 5; i++) await ReportAsync("chatty.sh");
        Assert.Equal(6L, Sql($"SELECT count(*) FROM runs WHERE script_id = {id}"));

        _core.Clock.Advance(StorageUpkeep.PruneEvery);

        await Eventually.TrueAsync(() => (long)Sql($"SELECT count(*) FROM runs WHERE script_id = {id}")! == 3, "the history is pruned to 3");
        Assert.Equal(3L, Sql($"SELECT count(*) FROM runs WHERE script_id = {id} AND id > 3")); // the newest are kept
    }

    [Fact]
    public async Task Scripts_that_keep_reporting_do_not_keep_the_others_from_being_pruned()
    {
        string[] names = ["a.sh", "b.sh", "c.sh"];
        foreach (var name in names)
            for (var i = 0; i < 5; i++) await ReportAsync(name);

        // One script per pruning, and the first two report again between prunings, as busy scripts do.
        await Writer.PruneRunsAsync(keep: 3, maxScripts: 1);
        await ReportAsync("a.sh");
        await Writer.PruneRunsAsync(keep: 3, maxScripts: 1);
        await ReportAsync("b.sh");
        await Writer.PruneRunsAsync(keep: 3, maxScripts: 1);

        Assert.Equal(3L, Sql("SELECT count(*) FROM runs r JOIN scripts s ON s.id = r.script_id WHERE s.name = 'c.sh'"));
    }
}

public sealed class TimeWorkerTestsOnPostgres() : TimeWorkerTests(DatabaseProvider.Postgres);
