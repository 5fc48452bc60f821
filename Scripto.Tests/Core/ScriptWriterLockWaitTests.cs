using Microsoft.Data.Sqlite;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>
/// SQLite has one write lock per file: while another connection holds it (the notification planner's transaction,
/// an operator's sqlite3 shell), a report waits for it instead of failing, with the writer's own busy handler.
/// </summary>
public sealed class ScriptWriterLockWaitTests : IAsyncLifetime
{
    private readonly CoreServices _core = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task A_report_waits_for_the_write_lock_another_connection_holds_and_is_written_once_it_is_free()
    {
        var writer = _core.Get<ScriptWriter>();
        var id = (await writer.CreateAsync(new ScriptChanges { Name = "a.sh", Status = true })).Script!.Id;

        using var other = new SqliteConnection(_core.ConnectionString);
        other.Open();
        using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE; UPDATE scripts SET tags = 'held' WHERE id = " + id;
            begin.ExecuteNonQuery();
        }
        var report = writer.UpdateAsync(id, new ScriptChanges { Status = false });
        await Task.WhenAny(report, Task.Delay(300));
        Assert.False(report.IsCompleted); // still waiting for the lock, not refused

        using (var commit = other.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            commit.ExecuteNonQuery();
        }

        Assert.Equal(WriteOutcome.Updated, (await report.WaitAsync(TimeSpan.FromSeconds(5))).Outcome);
        var stored = (await _core.Get<ScriptQueries>().FindAsync(id))!;
        Assert.False(stored.LastStatus);
        Assert.Equal("held", stored.Tags); // the other connection's change stands beside the report's
    }
}
