using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>The writer waiting for a write lock another connection holds (the notification planner's transaction).</summary>
public sealed class WriterLockWaitTests : IAsyncLifetime
{
    private readonly CoreServices _core = new();
    private ScriptWriter Writer => _core.Get<ScriptWriter>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private Task<WriteResult> ReportAsync(int i) => Writer.ReportAsync($"job-{i}", "db-1", new ScriptReport(Signal.Success, null, null, null, null));

    [Fact]
    public async Task A_report_held_back_by_another_connections_lock_is_written_within_milliseconds_of_its_release()
    {
        await ReportAsync(0); // the writer's connection is open
        var late = new List<double>();
        for (var i = 1; i <= 3; i++)
        {
            await using var other = new SqliteConnection(_core.ConnectionString);
            await other.OpenAsync();
            await using var transaction = other.BeginTransaction(); // BEGIN IMMEDIATE: the write lock
            var report = ReportAsync(i);
            // SQLite's own handler would try again at 328 ms, then at 428 ms: released in between, the report waited
            // up to 90 ms more than the lock was held.
            await Task.Delay(335);
            Assert.False(report.IsCompleted, "the writer wrote while another connection held the write lock");
            transaction.Commit();
            var released = Stopwatch.GetTimestamp();
            Assert.Equal(WriteOutcome.Created, (await report).Outcome);
            late.Add(Stopwatch.GetElapsedTime(released).TotalMilliseconds);
        }

        late.Sort();
        Assert.True(late[1] < 40, $"written {string.Join(", ", late.Select(ms => $"{ms:F1}"))} ms after the lock's release");
    }
}
