using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Scripto.Core.Writing;

namespace Scripto.Core.Persistence;

/// <summary>
/// Copies the write-ahead log back into the database file every few seconds, on a connection of its own. SQLite
/// would otherwise do it (and its fsync) inside the writer's commit every 1,000 pages, stalling every report
/// waiting on that batch. PASSIVE never blocks the writer; on shutdown a TRUNCATE leaves a compact file.
/// PASSIVE alone never lets the log start over while reports keep coming (some frames are always newer than the
/// checkpoint), so the file grew by a gigabyte a minute under a steady 1,000 reports/s: once the log passes
/// <see cref="LogLimitPages"/>, the writer itself runs a TRUNCATE between two batches (from another connection it
/// would never win the lock), holding reports back for one copy, and the file starts over empty.
/// </summary>
public sealed class Checkpointer(IDbContextFactory<ScriptoDbContext> contexts, ScriptWriter writer, TimeProvider clock, ILogger<Checkpointer> log)
    : IAsyncDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    /// <summary>16,384 pages of 4 KiB: a 64 MiB log at most, a few seconds of the heaviest load.</summary>
    internal int LogLimitPages { get; init; } = 16_384;

    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Every, clock, cancellationToken);
                await CheckpointOnceAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                log.LogWarning(error, "A WAL checkpoint failed; the next one will retry");
            }
        }
    }

    private const string Passive = "PRAGMA wal_checkpoint(PASSIVE);";
    private const string Truncate = "PRAGMA wal_checkpoint(TRUNCATE);";

    /// <summary>A PASSIVE checkpoint, then a TRUNCATE if the log is still over its limit. True when it truncated.</summary>
    internal async Task<bool> CheckpointOnceAsync(CancellationToken cancellationToken = default)
    {
        var logPages = await CheckpointAsync(Passive, cancellationToken);
        if (logPages <= LogLimitPages) return false;
        await writer.TruncateLogAsync();
        return true;
    }

    /// <summary>Runs a checkpoint; the number of pages in the log when it ran.</summary>
    private async Task<long> CheckpointAsync(string sql, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(1) : 0; // busy, log pages, checkpointed pages
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        try
        {
            await CheckpointAsync(Truncate, CancellationToken.None);
        }
        catch (Exception error)
        {
            log.LogWarning(error, "The last WAL checkpoint failed; SQLite replays the log on the next start");
        }
        _stop.Dispose();
    }
}
