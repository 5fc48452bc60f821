using Scripto.Core;
using Microsoft.EntityFrameworkCore;
using Scripto.Core.Persistence;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>
/// Many changes to one script in one batch of the writer: the store writes its row once, at the end (or when a
/// statement must see it), so what each report changed must still be what the script ends with, and every report's
/// run and flip are kept. The batch is run as the writer runs it, one transaction, so that it really is one.
/// </summary>
public class ScriptWriterBatchTests : IAsyncLifetime
{
    private readonly CoreServices _core;

    public ScriptWriterBatchTests() : this(DatabaseProvider.Sqlite) { }

    protected ScriptWriterBatchTests(DatabaseProvider provider) => _core = new CoreServices(provider: provider, run: false);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task A_script_reported_many_times_in_one_batch_ends_with_the_newest_report_and_keeps_every_run_and_flip()
    {
        var id = OneBatch(new CreateScript(new ScriptChanges { Name = "a.sh", Server = "db1" }, null))[0].Script!.Id;
        var start = _core.Clock.GetUtcNow().UtcDateTime;

        // 16 reports alternating failure and success, each a second later: every one flips the script.
        var reports = Enumerable.Range(1, 16)
            .Select(i => new UpdateScript(id, new ScriptChanges { Status = i % 2 == 0, LastExec = start.AddSeconds(i) }, "10.0.0.1", null))
            .ToArray<WriteCommand>();
        var results = OneBatch(reports);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal((i + 1) % 2 == 0, results[i].Script!.LastStatus); // each answer is its own report's
            Assert.Equal(start.AddSeconds(i + 1), results[i].Script!.LastExec);
        }
        var details = (await _core.Get<ScriptQueries>().DetailsAsync(id))!;
        Assert.True(details.Script.LastStatus);
        Assert.Equal(start.AddSeconds(16), details.Script.LastExec);
        Assert.Equal(Health.Up, details.Script.Health);
        Assert.Equal(16, details.Runs.Count);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => start.AddSeconds(i)).Reverse(), details.Runs.Select(r => r.At));
        // One flip per report, newest first: success (up) for the even ones, failure for the odd ones.
        Assert.Equal(Enumerable.Range(1, 16).Reverse().Select(i => i % 2 == 0 ? FlipState.Up : FlipState.Failed),
            details.Flips.Take(16).Select(f => f.To));
    }

    [Fact]
    public void A_script_renamed_in_a_batch_is_found_by_its_new_name_in_the_same_batch_and_its_old_name_is_free()
    {
        var id = OneBatch(new CreateScript(new ScriptChanges { Name = "a.sh", Server = "db1" }, null))[0].Script!.Id;

        var results = OneBatch(
            new UpdateScript(id, new ScriptChanges { Status = false }, null, null),
            new UpdateScript(id, new ScriptChanges { Name = "b.sh" }, null, null),
            new ReportByName("b.sh", "db1", new ScriptReport(Signal.Success, 0), default, default),
            new ReportByName("a.sh", "db1", new ScriptReport(Signal.Failure, 3), default, default));

        Assert.Equal(WriteOutcome.Updated, results[2].Outcome);
        Assert.Equal(id, results[2].Script!.Id);
        Assert.Equal(WriteOutcome.Created, results[3].Outcome);
        Assert.NotEqual(id, results[3].Script!.Id);
        Assert.Equal("b.sh", DatabaseContents.Scalar(_core.ConnectionString, $"SELECT name FROM scripts WHERE id = {id}"));
        Assert.Equal(2L, Convert.ToInt64(DatabaseContents.Scalar(_core.ConnectionString, "SELECT count(*) FROM scripts")));
        Assert.Equal(2L, Convert.ToInt64(DatabaseContents.Scalar(_core.ConnectionString, $"SELECT count(*) FROM runs WHERE script_id = {id}")));
    }

    [Fact]
    public void A_change_the_batch_rolls_back_leaves_the_row_as_it_was()
    {
        var id = OneBatch(new CreateScript(new ScriptChanges { Name = "a.sh", Server = "db1", Status = true }, null))[0].Script!.Id;

        using (var session = new WriteSession(_core.Get<IDbContextFactory<ScriptoDbContext>>()))
        {
            var context = new WriteContext(session.Store, _core.Clock.GetUtcNow().UtcDateTime, new TouchedScripts()) { Session = session };
            session.Begin();
            new UpdateScript(id, new ScriptChanges { Status = false, Name = "z.sh" }, null, null).Apply(context);
            session.End(); // as the writer does when a batch fails
            session.Begin();
            session.Commit(); // the next batch commits nothing of it
        }

        Assert.Equal("a.sh", DatabaseContents.Scalar(_core.ConnectionString, $"SELECT name FROM scripts WHERE id = {id}"));
        Assert.Equal(0L, Convert.ToInt64(DatabaseContents.Scalar(_core.ConnectionString, $"SELECT count(*) FROM runs WHERE script_id = {id} AND signal = 'Failure'")));
    }

    /// <summary>Applies the commands in one transaction, as <see cref="ScriptWriter"/> commits a batch.</summary>
    private WriteResult[] OneBatch(params WriteCommand[] commands)
    {
        using var session = new WriteSession(_core.Get<IDbContextFactory<ScriptoDbContext>>());
        var context = new WriteContext(session.Store, _core.Clock.GetUtcNow().UtcDateTime, new TouchedScripts()) { Session = session };
        session.Begin();
        var results = commands.Select(c => c.Apply(context)).ToArray();
        session.Commit();
        return results;
    }
}

public sealed class ScriptWriterBatchTestsOnPostgres() : ScriptWriterBatchTests(DatabaseProvider.Postgres);
