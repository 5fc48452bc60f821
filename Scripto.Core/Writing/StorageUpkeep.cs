using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scripto.Core.Nodes;
using Scripto.Core.Persistence;

namespace Scripto.Core.Writing;

/// <summary>
/// Keeps the database file in shape, off the report path: trims run histories every minute, and copies the
/// write-ahead log back into the database file twice a second on a connection of its own. SQLite would
/// otherwise checkpoint (and fsync) inside the writer's commit every 1,000 pages, stalling every report waiting on
/// that batch. PASSIVE never blocks the writer.
/// PASSIVE alone never lets the log start over while reports keep coming (some frames are always newer than the
/// checkpoint), so the file grew by a gigabyte a minute under a steady 1,000 reports/s: once the log passes
/// <see cref="LogLimitPages"/>, the writer itself checkpoints the rest between two batches (from another connection
/// it would never win the lock): only what was committed since the PASSIVE just before, so the next commit starts
/// the log over at the beginning of its file, which is reused as it is. Emptying the file instead (TRUNCATE) held
/// every report back for the truncation too: 110-405 ms per 64 MiB here (the disk is mounted with discard), the
/// benchmark's p99. Only a log that still grew to <see cref="LogLimitPages"/> × 4 (a reader kept it from starting
/// over) is emptied, and the file is emptied on shutdown. Each PASSIVE's copy is synced to disk on this connection
/// right after it (<see cref="DatabaseFileSync"/>): SQLite syncs the database file only when a checkpoint reaches the
/// end of the log, which under load only the writer's does, and it then wrote back everything copied since.
/// With several nodes on PostgreSQL only the leader trims (the histories of the scripts any node wrote runs for, see
/// <see cref="ScriptWriter.ChangedOnAnotherNode"/>); a follower's upkeep waits for the leadership, and trims at once
/// on taking it if a round is due. Checkpoints are the process's own, on SQLite only.
/// </summary>
public sealed class StorageUpkeep(
    IDbContextFactory<ScriptoDbContext> contexts,
    ScriptWriter writer,
    TimeProvider clock,
    ScriptoOptions options,
    NodeLeadership leadership,
    ILogger<StorageUpkeep> log) : BackgroundService
{
    /// <summary>Often, so that the writer's own checkpoint finds little left to copy.</summary>
    public static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    /// <summary>16,384 pages of 4 KiB: a 64 MiB log at most, a few seconds of the heaviest load.</summary>
    internal int LogLimitPages { get; set; } = 16_384;

    private DateTimeOffset _pruneAt;
    private long _copiedBefore;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _pruneAt = clock.GetUtcNow() + PruneEvery;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A delay, not a PeriodicTimer: when the clock jumps ahead (a test's, or a machine waking from sleep), a
            // periodic timer replays every period it missed; one upkeep round is all that is owed.
            while (true)
            {
                // A follower on PostgreSQL has nothing to do (no file to checkpoint) until it leads.
                if (options.OnPostgres && !leadership.IsLeader) await leadership.WaitUntilLeaderAsync(stoppingToken);
                else await Task.Delay(CheckpointEvery, clock, stoppingToken);
                await UpkeepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task UpkeepAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Still due when the node lost the lead meanwhile: the round after it leads again trims.
            if (clock.GetUtcNow() >= _pruneAt && leadership.IsLeader)
            {
                _pruneAt = clock.GetUtcNow() + PruneEvery;
                await writer.PruneRunsAsync(options.KeepRuns);
            }
            if (!options.OnPostgres) await CheckpointOnceAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.LogWarning(error, "Storage upkeep failed; the next round will retry");
        }
    }

    private const string Passive = "PRAGMA wal_checkpoint(PASSIVE);";

    /// <summary>
    /// A PASSIVE checkpoint, then, if the log is over its limit, the writer's checkpoint of the rest (the log starts
    /// over), or a TRUNCATE if it is over four times its limit. True when the writer checkpointed.
    /// </summary>
    internal async Task<bool> CheckpointOnceAsync(CancellationToken cancellationToken = default)
    {
        var logPages = await CheckpointAsync(Passive, cancellationToken);
        if (logPages <= LogLimitPages) return false;
        // The writer copies only what was committed since the PASSIVE, and syncs only that (DatabaseFileSync).
        await writer.TruncateLogAsync(truncate: logPages > 4L * LogLimitPages);
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
        long logPages = 0, copied = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            if (await reader.ReadAsync(cancellationToken)) (logPages, copied) = (reader.GetInt64(1), reader.GetInt64(2)); // busy, log pages, checkpointed pages
        // What the PASSIVE copied reaches the disk now, on this connection, rather than in the writer's next checkpoint.
        if (copied != _copiedBefore && connection is SqliteConnection sqlite) DatabaseFileSync.Sync(sqlite);
        _copiedBefore = copied;
        return logPages;
    }

    /// <summary>
    /// Leaves a compact file: the last TRUNCATE goes through the writer, which stops after this (it is registered
    /// first) and drains what is still queued behind it.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (options.OnPostgres) return;
        try
        {
            await writer.TruncateLogAsync();
        }
        catch (Exception error)
        {
            log.LogWarning(error, "The last WAL checkpoint failed; SQLite replays the log on the next start");
        }
    }
}
