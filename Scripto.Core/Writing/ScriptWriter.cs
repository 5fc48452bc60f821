using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Scripto.Core.Changes;
using Scripto.Core.Persistence;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Core.Writing;

/// <summary>
/// The one write path: every change to a script, from any API or the UI, goes through here.
/// A single writer drains the queue and commits the changes pending at that moment in one transaction
/// (group commit); each caller is answered only after that commit, and the changed ids are then published
/// on the change feed. One writer also means SQLite never reports "database is locked" to a report.
/// </summary>
public sealed class ScriptWriter : IAsyncDisposable
{
    private const int MaxBatch = 1024;

    private readonly IDbContextFactory<ScriptoDbContext> _contexts;
    private readonly ScriptChangeFeed _feed;
    private readonly TimeProvider _clock;
    private readonly ILogger<ScriptWriter> _log;
    private readonly Channel<WriteCommand> _queue = Channel.CreateUnbounded<WriteCommand>(new() { SingleReader = true });
    private readonly Task _loop;
    private WriteSession? _session; // the writer loop's alone
    private readonly TouchedScripts _touched = new(); // scripts with new runs since their last pruning; the loop's alone

    private readonly CheckpointStalls _stalls;

    public ScriptWriter(IDbContextFactory<ScriptoDbContext> contexts, ScriptChangeFeed feed, TimeProvider clock, ILogger<ScriptWriter> log,
        CheckpointStalls? stalls = null)
    {
        _stalls = stalls ?? new CheckpointStalls();
        _contexts = contexts;
        _feed = feed;
        _clock = clock;
        _log = log;
        _loop = Task.Run(RunAsync);
    }

    public Task<WriteResult> CreateAsync(ScriptChanges changes, string? remoteAddress = null) =>
        changes.Validate(creating: true) is { Count: > 0 } errors
            ? Task.FromResult(WriteResult.Invalid(errors))
            : Enqueue(new CreateScript(changes, remoteAddress));

    public Task<WriteResult> UpdateAsync(long id, ScriptChanges changes, string? remoteAddress = null) =>
        changes.Validate(creating: false) is { Count: > 0 } errors
            ? Task.FromResult(WriteResult.Invalid(errors))
            : Enqueue(new UpdateScript(id, changes, remoteAddress));

    /// <summary>A report by name and server (v2): the first one creates the script, and may set its schedule.</summary>
    public Task<WriteResult> ReportAsync(string name, string server, ScriptReport report, Optional<Schedule> schedule = default)
    {
        var errors = new List<FieldError>();
        if (ScriptNames.NameError(name) is { } nameError) errors.Add(new("name", nameError));
        if (ScriptNames.ServerError(server) is { } serverError) errors.Add(new("server", serverError));
        return errors.Count > 0
            ? Task.FromResult(WriteResult.Invalid(errors))
            : Enqueue(new ReportByName(name.Trim(), server.Trim(), report, schedule));
    }

    public Task<WriteResult> DeleteAsync(long id) => Enqueue(new DeleteScript(id));

    /// <summary>Flips the scripts whose grace ran out by <paramref name="now"/> to down; how many flipped.</summary>
    internal async Task<int> FlipOverdueAsync(DateTime now, int limit = 500) => (await Enqueue(new FlipOverdue(now, limit))).Count;

    /// <summary>Trims the run history of recently reported scripts to <paramref name="keep"/> runs each.</summary>
    internal async Task<int> PruneRunsAsync(int keep, int maxScripts = 500) => (await Enqueue(new PruneRuns(_touched, keep, maxScripts))).Count;

    /// <summary>
    /// Checkpoints the rest of the write-ahead log between two batches, holding reports back meanwhile, so that the
    /// next commit starts the log over. Run right after a PASSIVE checkpoint on another connection copied the bulk,
    /// it copies only what was committed since: a few milliseconds. <paramref name="truncate"/> also empties the file
    /// (on shutdown: it waits for readers and frees the file's blocks, too slow under load).
    /// </summary>
    internal Task TruncateLogAsync(bool truncate = true) => Enqueue(new TruncateLog(truncate));

    private Task<WriteResult> Enqueue(WriteCommand command)
    {
        if (!_queue.Writer.TryWrite(command))
            return Task.FromException<WriteResult>(new InvalidOperationException("Scripto is shutting down; nothing was written."));
        return command.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteCommand>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            TruncateLog? truncate = null;
            while (batch.Count < MaxBatch && reader.TryRead(out var command))
            {
                if (command is TruncateLog t) truncate = t;
                else batch.Add(command);
            }
            if (batch.Count > 0) CommitBatch(batch);
            if (truncate is not null) RunTruncate(truncate);
            batch.Clear();
        }
    }

    private void CommitBatch(List<WriteCommand> batch)
    {
        try
        {
            Commit(batch);
        }
        catch (Exception batchError) when (batch.Count > 1)
        {
            // One bad change must not fail the others: retry each alone.
            _log.LogWarning(batchError, "A batch of {Count} changes failed; retrying them one by one", batch.Count);
            foreach (var command in batch)
                CommitAlone(command);
        }
        catch (Exception error)
        {
            batch[0].Completion.TrySetException(error);
        }
    }

    private void RunTruncate(TruncateLog command)
    {
        try
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            (_session ??= new WriteSession(_contexts)).TruncateLog(command.Truncate);
            _stalls.Record(start);
            command.Completion.TrySetResult(new WriteResult(WriteOutcome.Updated));
        }
        catch (Exception error)
        {
            command.Completion.TrySetException(error);
        }
    }

    private void CommitAlone(WriteCommand command)
    {
        try
        {
            Commit([command]);
        }
        catch (Exception error)
        {
            _log.LogError(error, "A change failed and was not written");
            command.Completion.TrySetException(error);
        }
    }

    private void Commit(IReadOnlyList<WriteCommand> batch)
    {
        var results = new WriteResult[batch.Count];
        var session = _session ??= new WriteSession(_contexts);
        var context = new WriteContext(session.Store, _clock.GetUtcNow().UtcDateTime, _touched);
        try
        {
            session.Begin();
            for (var i = 0; i < batch.Count; i++)
                results[i] = batch[i].Apply(context);
            session.Commit();
        }
        catch
        {
            // Start the next batch on a fresh connection: this one may be what failed.
            session.Dispose();
            _session = null;
            throw;
        }
        for (var i = 0; i < batch.Count; i++)
            batch[i].Completion.TrySetResult(results[i]);
        _feed.Publish(context.Changes);
        foreach (var (script, flip) in context.Flips)
            _log.LogInformation("Script {ScriptId} {ScriptName} on {Server} went {From} -> {To}: {Reason}",
                flip.ScriptId, script.Name, script.Server, StatusWords.Label(flip.From), StatusWords.Label(flip.To), flip.Reason);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _session?.Dispose();
    }
}
