using Scripto.Core;
using Scripto.Core.Changes;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

public class ScriptWriterTests : IAsyncLifetime
{
    private readonly CoreServices _core;

    public ScriptWriterTests() : this(DatabaseProvider.Sqlite) { }

    protected ScriptWriterTests(DatabaseProvider provider) => _core = new CoreServices(provider: provider);
    private ScriptWriter Writer => _core.Get<ScriptWriter>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task A_change_is_published_on_the_feed_only_once_it_is_committed()
    {
        using var subscription = _core.Get<ScriptChangeFeed>().Subscribe();
        var batches = subscription.ReadBatchesAsync(TimeSpan.Zero).GetAsyncEnumerator();

        var created = await Writer.CreateAsync(new ScriptChanges { Name = "a.sh" });
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));

        var id = created.Script!.Id;
        Assert.Equal(ScriptChangeKind.Created, batches.Current.Changes[id]);
        Assert.NotNull(await _core.Get<ScriptQueries>().FindAsync(id)); // already readable when announced
    }

    [Fact]
    public async Task A_refused_change_is_neither_written_nor_published()
    {
        using var subscription = _core.Get<ScriptChangeFeed>().Subscribe();

        var result = await Writer.CreateAsync(new ScriptChanges { Server = "s" });

        Assert.Equal(WriteOutcome.Invalid, result.Outcome);
        Assert.Equal("name", Assert.Single(result.Errors!).Field);
        var (total, _) = await _core.Get<ScriptQueries>().PageByIdAsync(0, 10);
        Assert.Equal(0, total);
        // The feed keeps order: what the refusal had published would come before the next change.
        var next = (await Writer.CreateAsync(new ScriptChanges { Name = "b.sh" })).Script!.Id;
        await using var batches = subscription.ReadBatchesAsync(TimeSpan.Zero).GetAsyncEnumerator();
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal([next], batches.Current.Changes.Keys);
        Assert.False(batches.Current.Everything);
    }

    [Fact]
    public async Task Changes_queued_when_Scripto_stops_are_all_written_before_it_ends()
    {
        var queued = Enumerable.Range(0, 300)
            .Select(i => Writer.ReportAsync($"job-{i}.sh", "srv", new ScriptReport(Signal.Success))).ToList();

        await _core.StopAsync();

        Assert.All(queued, report => Assert.True(report.IsCompletedSuccessfully));
        Assert.Equal(300L, DatabaseContents.Scalar(_core.ConnectionString, "SELECT count(*) FROM runs"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Writer.ReportAsync("late.sh", "srv", new ScriptReport(Signal.Success)));
    }

    [Fact]
    public async Task Changes_queued_together_each_get_their_own_answer()
    {
        var a = (await Writer.CreateAsync(new ScriptChanges { Name = "a.sh" })).Script!.Id;

        // Queued back to back they land in one batch: an update, a delete, and an update of the deleted script.
        var update = Writer.UpdateAsync(a, new ScriptChanges { Status = true });
        var delete = Writer.DeleteAsync(a);
        var late = Writer.UpdateAsync(a, new ScriptChanges { Status = false });
        var other = Writer.CreateAsync(new ScriptChanges { Name = "b.sh" });

        Assert.True((await update).Script!.LastStatus);
        Assert.Equal(WriteOutcome.Deleted, (await delete).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await late).Outcome);
        Assert.Equal("b.sh", (await other).Script!.Name);
        Assert.Null(await _core.Get<ScriptQueries>().FindAsync(a));
    }

    [Fact]
    public async Task A_caller_that_blocks_on_its_answer_holds_back_neither_the_writer_nor_later_reports()
    {
        // The writer answers off its own thread: a caller's code that runs on the answer's thread and blocks there (a
        // request stuck in its response, say) must not stop every other report from being written and answered.
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = Writer.ReportAsync("slow.sh", "srv", new ScriptReport(Signal.Success));
        var held = first.ContinueWith(_ =>
        {
            entered.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        }, TaskContinuationOptions.ExecuteSynchronously);
        Assert.True(entered.Wait(TimeSpan.FromSeconds(10)), "the first report was never answered");

        var next = await Writer.ReportAsync("next.sh", "srv", new ScriptReport(Signal.Success)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(WriteOutcome.Created, next.Outcome);
        release.Set();
        await held;
        Assert.NotNull(await _core.Get<ScriptQueries>().FindAsync(next.Script!.Id));
    }

    [Fact]
    public async Task A_status_without_a_time_is_stamped_with_the_clock()
    {
        var id = (await Writer.CreateAsync(new ScriptChanges { Name = "a.sh" })).Script!.Id;
        _core.Clock.Advance(TimeSpan.FromHours(3));

        var result = await Writer.UpdateAsync(id, new ScriptChanges { Status = false });

        Assert.Equal(_core.Clock.GetUtcNow().UtcDateTime, result.Script!.LastExec);
        Assert.Equal(DateTimeKind.Utc, (await _core.Get<ScriptQueries>().FindAsync(id))!.LastExec!.Value.Kind);
    }
}

public sealed class ScriptWriterTestsOnPostgres() : ScriptWriterTests(DatabaseProvider.Postgres);
