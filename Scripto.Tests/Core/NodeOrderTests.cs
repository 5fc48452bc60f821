using Scripto.Core;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>
/// Several writers on one database (nodes on PostgreSQL; one writer on SQLite whose reports arrive out of order):
/// a script never goes backwards, and first pings by name create one script.
/// </summary>
public sealed class NodeOrderTests
{
    private static ScriptReport Report(Signal signal) => new(signal, signal == Signal.Failure ? 1 : 0, null, null, null);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_report_older_than_the_stored_one_is_kept_as_a_run_but_does_not_overwrite_the_script(DatabaseProvider provider)
    {
        await using var core = new CoreServices(provider: provider);
        var writer = core.Get<ScriptWriter>();
        var id = (await writer.ReportAsync("backup.sh", "db-1", Report(Signal.Success))).Script!.Id;
        var stored = core.Clock.GetUtcNow().UtcDateTime;

        // A v1 client names its run's time: this one ran an hour before the report already stored.
        var late = await writer.UpdateAsync(id, new ScriptChanges { Status = false, LastExec = stored.AddHours(-1) });

        Assert.Equal((true, stored), (late.Script!.LastStatus, late.Script.LastExec));
        Assert.Equal(2L, DatabaseContents.Scalar(core.ConnectionString, "SELECT count(*) FROM runs"));
        Assert.Equal(0L, DatabaseContents.Scalar(core.ConnectionString, "SELECT count(*) FROM scripts WHERE status = FALSE"));
    }

    [Fact]
    public async Task On_postgres_a_node_whose_clock_is_behind_records_its_report_but_never_moves_the_script_back()
    {
        await using var ahead = new CoreServices(provider: DatabaseProvider.Postgres, start: ScriptoFactory.Start.AddMinutes(1));
        await using var behind = new CoreServices(provider: DatabaseProvider.Postgres, connectionString: ahead.ConnectionString) { KeepDatabase = true };

        await ahead.Get<ScriptWriter>().ReportAsync("backup.sh", "db-1", Report(Signal.Success));
        var older = await behind.Get<ScriptWriter>().ReportAsync("backup.sh", "db-1", Report(Signal.Failure));

        Assert.Equal((WriteOutcome.Updated, true), (older.Outcome, older.Script!.LastStatus));
        Assert.Equal(2L, DatabaseContents.Scalar(ahead.ConnectionString, "SELECT count(*) FROM runs"));
        Assert.Equal("Up", DatabaseContents.Scalar(ahead.ConnectionString, "SELECT health FROM scripts"));
    }

    [Fact]
    public async Task On_postgres_first_pings_by_name_sent_to_two_writers_at_once_create_one_script_each()
    {
        await using var a = new CoreServices(provider: DatabaseProvider.Postgres);
        await using var b = new CoreServices(provider: DatabaseProvider.Postgres, connectionString: a.ConnectionString) { KeepDatabase = true };
        var names = Enumerable.Range(0, 40).Select(i => $"job-{i}.sh").ToList();

        var results = await Task.WhenAll(names.SelectMany(name => new[] { a, b }.Select(core =>
            Task.Run(() => core.Get<ScriptWriter>().ReportAsync(name, "db-1", Report(Signal.Success))))));

        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { WriteOutcome.Created, WriteOutcome.Updated }));
        Assert.Equal(names.Count, results.Count(r => r.Outcome == WriteOutcome.Created));
        Assert.Equal((long)names.Count, DatabaseContents.Scalar(a.ConnectionString, "SELECT count(*) FROM scripts"));
        Assert.Equal(2L * names.Count, DatabaseContents.Scalar(a.ConnectionString, "SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task On_postgres_names_that_differ_only_in_case_stay_two_scripts()
    {
        await using var core = new CoreServices(provider: DatabaseProvider.Postgres);
        var writer = core.Get<ScriptWriter>();

        var lower = await writer.ReportAsync("backup.sh", "db1", Report(Signal.Success));
        var upper = await writer.ReportAsync("Backup.sh", "DB1", Report(Signal.Failure));
        var again = await writer.ReportAsync("backup.sh", "db1", Report(Signal.Failure));

        Assert.Equal(WriteOutcome.Created, upper.Outcome);
        Assert.NotEqual(lower.Script!.Id, upper.Script!.Id);
        Assert.Equal((WriteOutcome.Updated, lower.Script.Id), (again.Outcome, again.Script!.Id));
    }

    [Fact]
    public async Task On_postgres_two_writers_reporting_the_same_scripts_in_opposite_orders_store_every_report_without_a_deadlock()
    {
        await using var a = new CoreServices(provider: DatabaseProvider.Postgres);
        await using var b = new CoreServices(provider: DatabaseProvider.Postgres, connectionString: a.ConnectionString) { KeepDatabase = true };
        var names = Enumerable.Range(0, 20).Select(i => $"job-{i:00}.sh").ToList();
        var ids = new List<long>();
        foreach (var name in names) ids.Add((await a.Get<ScriptWriter>().ReportAsync(name, "db-1", Report(Signal.Success))).Script!.Id);

        // Each round queues a whole pass at once, so that each writer's batches hold many of the scripts: A by name
        // from the first, B by id from the last. Locked one by one in that order, the two deadlocked.
        var results = new List<Task<WriteResult>>();
        for (var round = 0; round < 25; round++)
        {
            var signal = round % 2 == 0 ? Signal.Failure : Signal.Success;
            var pass = Task.Run(() => names.Select(name => a.Get<ScriptWriter>().ReportAsync(name, "db-1", Report(signal))).ToList());
            var reverse = Task.Run(() => Enumerable.Reverse(ids).Select(id => b.Get<ScriptWriter>().UpdateAsync(id, new ScriptChanges { Status = signal == Signal.Success })).ToList());
            results.AddRange(await pass);
            results.AddRange(await reverse);
        }

        Assert.All(await Task.WhenAll(results), r => Assert.Equal(WriteOutcome.Updated, r.Outcome));
        Assert.Equal((long)names.Count + results.Count, DatabaseContents.Scalar(a.ConnectionString, "SELECT count(*) FROM runs"));
        Assert.DoesNotContain(a.Logs.Entries.Concat(b.Logs.Entries), e => e.Message.StartsWith("A batch of"));
    }
}
