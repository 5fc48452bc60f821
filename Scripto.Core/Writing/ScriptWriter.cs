using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scripto.Core.Changes;
using Scripto.Core.Keys;
using Scripto.Core.Nodes;
using Scripto.Core.Notifications;
using Scripto.Core.Persistence;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Core.Writing;

/// <summary>
/// The one write path: every change to a script, from any API or the UI, goes through here.
/// A single writer drains the queue and commits the changes pending at that moment in one transaction
/// (group commit); each caller is answered only after that commit, and the changed ids are then published
/// on the change feed. One writer also means SQLite never reports "database is locked" to a report.
/// A hosted service: its loop runs from the host's start, and on stop it drains the queue before the host ends.
/// </summary>
public sealed class ScriptWriter : IHostedService, IAsyncDisposable
{
    /// <summary>Changes committed in one transaction at most.</summary>
    private const int MaxBatch = 1024;

    /// <summary>Scripts one upkeep command (flipping the overdue, pruning histories) takes at most, so that it never holds reports back for long.</summary>
    public const int UpkeepBatch = 500;

    private readonly IDbContextFactory<ScriptoDbContext> _contexts;
    private readonly ScriptChangeFeed _feed;
    private readonly TimeProvider _clock;
    private readonly ILogger<ScriptWriter> _log;
    private readonly Channel<WriteCommand> _queue = Channel.CreateUnbounded<WriteCommand>(new() { SingleReader = true });
    private Task? _loop;
    private WriteSession? _session; // the writer loop's alone
    private readonly TouchedScripts _touched = new(); // scripts with new runs since their last pruning, written here or on another node
    private readonly AlertSignal _alerts;
    private readonly DateTime _startedAt;
    private readonly CheckpointStalls _stalls;
    private readonly WriterBatches _batches;
    private readonly long _maxScripts;
    private long? _scripts; // how many there are, counted once, then kept by the loop; null after a failed batch
    private bool _nearLimit;
    private readonly StorageHealth _health;
    private StorageUnavailableException? _gone; // the database file was deleted under the writer: final until a restart
    private long _lastStorageWarning = long.MinValue;
    private readonly IChangeRelay? _relay; // null on SQLite: no other node to tell

    public ScriptWriter(IDbContextFactory<ScriptoDbContext> contexts, ScriptChangeFeed feed, TimeProvider clock, ILogger<ScriptWriter> log,
        ScriptoOptions options, StorageHealth health, AlertSignal alerts, CheckpointStalls? stalls = null, IChangeRelay? relay = null,
        WriterBatches? batches = null)
    {
        _batches = batches ?? new WriterBatches();
        _relay = relay;
        _stalls = stalls ?? new CheckpointStalls();
        _health = health;
        _maxScripts = options.MaxScripts;
        _contexts = contexts;
        _feed = feed;
        _clock = clock;
        _log = log;
        _alerts = alerts;
        _startedAt = clock.GetUtcNow().UtcDateTime;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Takes no more changes and commits the ones already queued: every acknowledged change is written.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is not null) await _loop.ConfigureAwait(false);
    }

    // Limits (null for every key but a limited report key) are checked before queuing where the request names the
    // script, and by the command where only its id is known: the writer loads that script anyway.

    public Task<WriteResult> CreateAsync(ScriptChanges changes, string? remoteAddress = null, KeyLimits? limits = null) =>
        changes.Validate(creating: true) is { Count: > 0 } errors
            ? Task.FromResult(WriteResult.Invalid(errors))
            : (limits?.Refusal(changes.Name.Value.Trim(), changes.Server.IsPresent ? changes.Server.Value?.Trim() ?? "" : "")
               ?? limits?.TagRefusal(changes.Tags.IsPresent ? ScriptTags.Join(changes.Tags.Value) : "")) is { } outside
                ? Task.FromResult(WriteResult.Forbidden(outside))
                : Enqueue(new CreateScript(changes, remoteAddress));

    public Task<WriteResult> UpdateAsync(long id, ScriptChanges changes, string? remoteAddress = null, KeyLimits? limits = null) =>
        changes.Validate(creating: false) is { Count: > 0 } errors
            ? Task.FromResult(WriteResult.Invalid(errors))
            : Enqueue(new UpdateScript(id, changes, remoteAddress, limits));

    /// <summary>A report by name and server (v2): the first one creates the script, and may set its schedule.</summary>
    public Task<WriteResult> ReportAsync(string name, string server, ScriptReport report, Optional<Schedule> schedule = default,
        AlertThresholds thresholds = default, KeyLimits? limits = null, Optional<IReadOnlyList<string>> tags = default, RuntimeLimits runtime = default,
        bool? heartbeat = null)
    {
        var errors = thresholds.Validate();
        errors.AddRange(runtime.Validate());
        if (tags.IsPresent && ScriptTags.Parse(ScriptTags.Join(tags.Value)) is { Error: { } tagsError }) errors.Add(new("tags", tagsError));
        if (ScriptNames.NameError(name) is { } nameError) errors.Add(new("name", nameError));
        if (ScriptNames.ServerError(server) is { } serverError) errors.Add(new("server", serverError));
        if (errors.Count > 0) return Task.FromResult(WriteResult.Invalid(errors));
        (name, server) = (name.Trim(), server.Trim());
        return limits?.Refusal(name, server) is { } outside
            ? Task.FromResult(WriteResult.Forbidden(outside))
            : Enqueue(new ReportByName(name, server, report, schedule, thresholds, tags, runtime, heartbeat, limits is { Tags.Count: > 0 } ? limits : null));
    }

    public Task<WriteResult> DeleteAsync(long id) => Enqueue(new DeleteScript(id));

    /// <summary>Flips the scripts whose grace ran out by <paramref name="now"/> to down; how many flipped.</summary>
    internal async Task<int> FlipOverdueAsync(DateTime now, int limit = UpkeepBatch) => (await Enqueue(new FlipOverdue(now, limit))).Count;

    /// <summary>Sets every script's maintenance window end from the windows as they stand now; how many changed.</summary>
    public async Task<int> ApplyMaintenanceAsync() => (await Enqueue(new ApplyMaintenance())).Count;

    /// <summary>
    /// Another node changed these scripts (most of them got a run): the leader, whichever node that is now or later,
    /// trims their histories too. A script that only changed costs one DELETE that finds nothing.
    /// </summary>
    internal void ChangedOnAnotherNode(IReadOnlyList<ScriptChange> changes)
    {
        foreach (var change in changes)
            if (change.Kind != ScriptChangeKind.Deleted) _touched.Add(change.ScriptId);
    }

    /// <summary>Trims the run history of recently reported scripts to <paramref name="keep"/> runs each.</summary>
    internal async Task<int> PruneRunsAsync(int keep, int maxScripts = UpkeepBatch) => (await Enqueue(new PruneRuns(_touched, keep, maxScripts))).Count;

    /// <summary>
    /// Checkpoints the rest of the write-ahead log between two batches, holding reports back meanwhile, so that the
    /// next commit starts the log over. Run right after a PASSIVE checkpoint on another connection copied the bulk,
    /// it copies only what was committed since: a few milliseconds. <paramref name="truncate"/> also empties the file
    /// (on shutdown: it waits for readers and frees the file's blocks, too slow under load).
    /// </summary>
    /// The frames in the log when it ran.
    internal async Task<int> TruncateLogAsync(bool truncate = true) => (await Enqueue(new TruncateLog(truncate))).Count;

    /// <summary>Queues a command of Scripto.Core's own (such as ApplyConfig) on the one write path.</summary>
    internal Task<WriteResult> SubmitAsync(WriteCommand command) => Enqueue(command);

    private Task<WriteResult> Enqueue(WriteCommand command)
    {
        if (!_queue.Writer.TryWrite(command))
            return Task.FromException<WriteResult>(new InvalidOperationException("Scripto is shutting down; nothing was written."));
        return command.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteCommand>(MaxBatch);
        var truncates = new List<TruncateLog>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var command))
            {
                if (command is TruncateLog t) truncates.Add(t); // one truncation answers all those asked together
                else batch.Add(command);
            }
            if (batch.Count > 0) CommitBatch(batch);
            if (truncates.Count > 0) RunTruncate(truncates);
            batch.Clear();
            truncates.Clear();
        }
    }

    private void CommitBatch(List<WriteCommand> batch)
    {
        try
        {
            Commit(batch);
        }
        catch (StorageUnavailableException unavailable)
        {
            // Every change of the batch would fail alike: answer them all, and say so once a minute, not once each.
            foreach (var command in batch) command.Completion.TrySetException(unavailable);
            WarnStorage(unavailable);
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

    private void RunTruncate(List<TruncateLog> commands)
    {
        try
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var (frames, _) = (_session ??= new WriteSession(_contexts)).TruncateLog(commands.Exists(c => c.Truncate));
            _stalls.Record(start);
            foreach (var command in commands) command.Completion.TrySetResult(new WriteResult(WriteOutcome.Updated, Count: frames));
        }
        catch (Exception error)
        {
            foreach (var command in commands) command.Completion.TrySetException(error);
        }
    }

    private void CommitAlone(WriteCommand command)
    {
        try
        {
            Commit([command]);
        }
        catch (StorageUnavailableException unavailable)
        {
            command.Completion.TrySetException(unavailable);
            WarnStorage(unavailable);
        }
        catch (Exception error)
        {
            _log.LogError(error, "A change failed and was not written");
            command.Completion.TrySetException(error);
        }
    }

    private void Commit(IReadOnlyList<WriteCommand> batch)
    {
        if (_gone is not null) throw _gone;
        var results = new WriteResult[batch.Count];
        var session = _session ??= new WriteSession(_contexts);
        WriteContext context;
        try
        {
            _scripts ??= session.Store.CountScripts();
            context = new WriteContext(session.Store, _clock.GetUtcNow().UtcDateTime, _touched, _scripts.Value, _maxScripts, _startedAt) { Session = session };
            session.Begin();
            LockRows(session.Store, batch);
            for (var i = 0; i < batch.Count; i++)
                results[i] = batch[i].Apply(context);
            session.Commit();
            // One stat() per batch, not per report: a batch committed into a deleted file is lost at the next start,
            // so it must not be acknowledged.
            if (session.FileMoved())
                throw _gone = new StorageUnavailableException("Database file gone",
                    "The database file was deleted or replaced while Scripto ran: nothing more is acknowledged until Scripto restarts (and opens the file at its path again).",
                    TimeSpan.FromMinutes(5));
        }
        catch (Exception error)
        {
            // Start the next batch on a fresh connection: this one may be what failed.
            session.Dispose();
            _session = null;
            _scripts = null;
            var unavailable = error as StorageUnavailableException ?? Unavailable(error);
            if (unavailable is null) throw;
            _health.Failing(unavailable.Message);
            throw unavailable;
        }
        _health.Writing();
        _batches.Record(batch.Count);
        _scripts = context.Scripts;
        WarnNearLimit(context.Scripts);
        for (var i = 0; i < batch.Count; i++)
            batch[i].Completion.TrySetResult(results[i]);
        _feed.Publish(context.Changes);
        // After the commit, and only queued: the relay NOTIFYs on a loop of its own (PostgresChangeRelay says why
        // not inside the transaction), so a slow database never holds the next batch.
        _relay?.Relay(context.Changes, context.Alerts > 0);
        if (context.Alerts > 0) _alerts.Wake();
        foreach (var (id, until, error) in context.Postponed)
            _log.LogError(error, "Script {ScriptId} cannot be checked for going down; skipped until {Until:u}", id, until);
        foreach (var (script, flip) in context.Flips)
            if (string.IsNullOrEmpty(script.Server)) // a v1 script may have none: "backup.sh went", not "backup.sh on  went"
                _log.LogInformation("Script {ScriptId} {ScriptName} went {From} -> {To}: {Reason}",
                    flip.ScriptId, script.Name, StatusWords.Label(flip.From), StatusWords.Label(flip.To), flip.Reason);
            else
                _log.LogInformation("Script {ScriptId} {ScriptName} on {Server} went {From} -> {To}: {Reason}",
                    flip.ScriptId, script.Name, script.Server, StatusWords.Label(flip.From), StatusWords.Label(flip.To), flip.Reason);
    }

    /// <summary>The rows the batch names, locked in id order before any is changed (<see cref="ScriptStore.LockRowsSql"/>).</summary>
    private static void LockRows(ScriptStore store, IReadOnlyList<WriteCommand> batch)
    {
        if (!store.LocksRows) return;
        var ids = new HashSet<long>();
        var names = new HashSet<(string, string)>();
        foreach (var command in batch)
        {
            if (command.ScriptId is { } id) ids.Add(id);
            if (command.ScriptName is { } name) names.Add(name);
        }
        store.LockRows([.. ids], [.. names.Select(n => n.Item1)], [.. names.Select(n => n.Item2)]);
    }

    /// <summary>A disk that is full (SQLITE_FULL, or an I/O error for ENOSPC; PostgreSQL's disk_full) is the operator's to fix, not a fault of ours.</summary>
    private static StorageUnavailableException? Unavailable(Exception error) =>
        error is SqliteException { SqliteErrorCode: 13 } or Npgsql.PostgresException { SqlState: "53100" } // SQLITE_FULL, disk_full
            ? new StorageUnavailableException("Storage full",
                "The disk holding the database is full: nothing was written. Free some space; Scripto goes on by itself.",
                TimeSpan.FromSeconds(60), error)
            : null;

    private void WarnStorage(StorageUnavailableException unavailable)
    {
        var now = _clock.GetTimestamp();
        if (_lastStorageWarning != long.MinValue && _clock.GetElapsedTime(_lastStorageWarning, now) < TimeSpan.FromMinutes(1)) return;
        _lastStorageWarning = now;
        _log.LogWarning("Writes fail: {Problem} (said at most once a minute)", unavailable.Message);
    }

    /// <summary>One warning when the scripts reach 90 % of Limits:MaxScripts (again after they fell below it).</summary>
    private void WarnNearLimit(long scripts)
    {
        var near = scripts * 10 >= _maxScripts * 9;
        if (near && !_nearLimit)
            _log.LogWarning("There are {Scripts} scripts, {Percent} % of Limits:MaxScripts ({Max}): at the limit, reports that would create a script are refused",
                scripts, scripts * 100 / _maxScripts, _maxScripts);
        _nearLimit = near;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        // Never started (a host that failed to start): nothing will answer what is queued.
        while (_queue.Reader.TryRead(out var command))
            command.Completion.TrySetException(new InvalidOperationException("Scripto stopped before this change was written."));
        _session?.Dispose();
    }
}
