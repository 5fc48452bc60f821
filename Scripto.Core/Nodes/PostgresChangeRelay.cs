using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Scripto.Core.Changes;

namespace Scripto.Core.Nodes;

/// <summary>
/// Sends this node's committed changes to the other nodes with <c>pg_notify</c>, off the write path: the writer only
/// queues them, and one loop sends what gathered meanwhile (coalesced, cut into payloads PostgreSQL takes) in one
/// round trip. Not inside the writer's transaction, though PostgreSQL would then deliver exactly what committed: a
/// transaction that notified takes a lock on the notification queue at commit that serializes the commits of every
/// node, and the writer's commit would wait on it. The cost is a window between the commit and the send in which a
/// crash loses the message; the other nodes' pages still re-read everything within 30 s (TimeTicker).
/// When a send fails, the next one that works carries "reload everything" instead of retrying the lost ids.
/// Each message carries when its oldest change was committed (queued here), so that the receiver can tell its lag.
/// </summary>
public sealed class PostgresChangeRelay(string connectionString, NodeIdentity node, TimeProvider clock, ILogger<PostgresChangeRelay> log)
    : IChangeRelay, IHostedService, IAsyncDisposable, IDisposable
{
    /// <summary>Ids sent in one round trip at most (a few dozen payloads).</summary>
    private const int MaxRound = 50_000;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(10);

    private readonly Channel<(IReadOnlyList<ScriptChange> Changes, bool Alerts, DateTimeOffset At)> _queue =
        Channel.CreateUnbounded<(IReadOnlyList<ScriptChange>, bool, DateTimeOffset)>(new() { SingleReader = true });
    private readonly NpgsqlDataSource _database = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString)
    {
        ApplicationName = NodeConnections.Named(connectionString, "relay"),
        MaxPoolSize = 2,
    }.ConnectionString).Build();
    private Task? _loop;

    public void Relay(IReadOnlyList<ScriptChange> changes, bool alerts)
    {
        if (changes.Count > 0 || alerts) _queue.Writer.TryWrite((changes, alerts, clock.GetUtcNow()));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Sends what is queued (the writer, stopped before this, queued its last batch) and stops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is not null) await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var lost = false; // a send failed: the next one tells the others to reload everything
        var retry = FirstRetry;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var changes = new Dictionary<long, ScriptChangeKind>();
            var alerts = false;
            DateTimeOffset? oldest = null;
            while (changes.Count < MaxRound && reader.TryRead(out var batch))
            {
                foreach (var change in batch.Changes) changes[change.ScriptId] = change.Kind;
                alerts |= batch.Alerts;
                oldest ??= batch.At;
            }
            try
            {
                await SendAsync([.. changes.Select(c => new ScriptChange(c.Key, c.Value))], alerts, lost, oldest);
                lost = false;
                retry = FirstRetry;
            }
            catch (Exception error)
            {
                if (!lost) log.LogWarning(error, "Changes could not be sent to the other nodes; they will be told to reload everything once the database answers");
                lost = true;
                if (reader.Completion.IsCompleted) return;
                await Task.Delay(retry, clock).ConfigureAwait(false);
                retry = retry * 2 < MaxRetry ? retry * 2 : MaxRetry;
            }
        }
    }

    private async Task SendAsync(IReadOnlyList<ScriptChange> changes, bool alerts, bool everything, DateTimeOffset? committedAt)
    {
        await using var batch = _database.CreateBatch();
        foreach (var payload in ChangeMessage.Encode(node.Id, changes, alerts, everything, committedAt))
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = "SELECT pg_notify($1, $2)";
            command.Parameters.Add(new NpgsqlParameter { Value = NodeConnections.ChangesChannel });
            command.Parameters.Add(new NpgsqlParameter { Value = payload });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>For a container disposed synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as IChangeRelay, it is disposed once for each.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await StopAsync(CancellationToken.None);
        await _database.DisposeAsync();
    }
}
