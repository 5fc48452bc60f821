using Microsoft.Data.Sqlite;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>The writer's statements on SQLite: the plans that keep them off a scan (PostgreSQL's planner needs no hint).</summary>
public sealed class ScriptStoreTests : IAsyncLifetime
{
    private readonly CoreServices _core = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public void A_v2_ping_finds_its_script_through_the_name_and_server_index_not_a_scan()
    {
        using var connection = new SqliteConnection(_core.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + ScriptStore.FindByNameSql;
        command.Parameters.AddWithValue("@name", "backup.sh");
        command.Parameters.AddWithValue("@server", "db1");
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) plan.Add(reader.GetString(3));

        Assert.Contains(plan, step => step.StartsWith("SEARCH scripts USING INDEX IX_scripts_name_server (name=? AND server=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN scripts", StringComparison.Ordinal));
    }

    [Fact]
    public void The_search_for_scripts_going_down_reads_only_those_not_down_yet()
    {
        // Scripts already down keep their down_at (their status reads it); the search must not walk them again.
        using var connection = new SqliteConnection(_core.ConnectionString);
        connection.Open();
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + ScriptStore.OverdueSql;
        explain.Parameters.AddWithValue("@now", ScriptoFactory.Start.UtcDateTime);
        explain.Parameters.AddWithValue("@limit", 500);
        using var rows = explain.ExecuteReader();
        var plan = "";
        while (rows.Read()) plan += rows.GetString(3) + "\n";
        Assert.Contains($"USING INDEX {ScriptConfiguration.AwaitingDownIndex}", plan);
        var index = (string?)DatabaseContents.Scalar(_core.ConnectionString, $"SELECT sql FROM sqlite_master WHERE name = '{ScriptConfiguration.AwaitingDownIndex}'");
        Assert.Contains("WHERE health <> 'Down' AND paused = 0", index);
    }

    [Fact]
    public async Task Names_that_differ_only_in_case_stay_two_scripts_when_found_through_the_index()
    {
        var writer = _core.Get<ScriptWriter>();
        var lower = await writer.ReportAsync("backup.sh", "db1", new ScriptReport(Signal.Success, 0, null, null, null));
        var upper = await writer.ReportAsync("Backup.sh", "DB1", new ScriptReport(Signal.Failure, 1, null, null, null));
        var lowerAgain = await writer.ReportAsync("backup.sh", "db1", new ScriptReport(Signal.Failure, 2, null, null, null));
        var upperAgain = await writer.ReportAsync("Backup.sh", "DB1", new ScriptReport(Signal.Success, 0, null, null, null));

        Assert.Equal(WriteOutcome.Created, upper.Outcome);
        Assert.NotEqual(lower.Script!.Id, upper.Script!.Id);
        Assert.Equal((WriteOutcome.Updated, lower.Script.Id, 2), (lowerAgain.Outcome, lowerAgain.Script!.Id, lowerAgain.Script.LastExitCode));
        Assert.Equal((WriteOutcome.Updated, upper.Script.Id, 0), (upperAgain.Outcome, upperAgain.Script!.Id, upperAgain.Script.LastExitCode));
    }
}
