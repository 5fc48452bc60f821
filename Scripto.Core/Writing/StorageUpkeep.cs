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
    /// Frames a catch-up round may find new and still leave the rest to the writer: 256 frames (1 MiB) take the writer
    /// a few milliseconds to copy and sync.
    /// </summary>
    internal int CatchUpFrames { get; set; } = 256;

    /// <summary>PASSIVE rounds after the first, at most, before the writer is asked anyway (the log stays bounded).</summary>
    internal const int MaxCatchUpRounds = 8;

    /// <summary>Frames the writer's last checkpoint found in the log that no PASSIVE had copied: what it copied and synced.</summary>
    internal long LeftForWriter { get; private set; }

    /// <summary>For tests: runs after each PASSIVE round that is followed by another (reports committed meanwhile).</summary>
    internal Func<int, Task>? BetweenRounds { get; set; }

    /// <summary>
    /// A PASSIVE checkpoint, then, if the log is over its limit, more PASSIVE rounds until one finds few new frames
    /// (or more than the one before once the log is past twice its limit, or <see cref="MaxCatchUpRounds"/> rounds),
    /// then the writer's checkpoint of the rest (the log starts over), or a TRUNCATE if it is over four times its
    /// limit. True when the writer checkpointed.
    /// </summary>
    internal async Task<bool> CheckpointOnceAsync(CancellationToken cancellationToken = default)
    {
        var (logFrames, copied) = await CheckpointAsync(Passive, cancellationToken);
        if (logFrames <= LogLimitPages) return false;
        // The writer holds every report back while it copies and syncs what no PASSIVE has: whatever was committed
        // while the last PASSIVE copied and synced. Under a steady load that was a second's worth, 574 ms of stall at
        // 3,500 reports/s (bench/README.md, "Seventh pass"). Each round copies what came during the one before, so
        // the rounds shrink as long as copying outpaces the reports; the writer gets the last round's share.
        var rounds = 0;
        for (long fresh = long.MaxValue; rounds < MaxCatchUpRounds; rounds++)
        {
            if (BetweenRounds is { } between) await between(rounds);
            var (nextLog, nextCopied) = await CheckpointAsync(Passive, cancellationToken);
            if (nextLog < logFrames) return false; // the log started over meanwhile (a round reached its end between two batches)
            var newer = nextLog - logFrames;
            (logFrames, copied) = (nextLog, nextCopied);
            if (newer <= CatchUpFrames) break; // caught up: the writer takes the rest
            // Not catching up (a round found more than the one before) while the log is past twice its limit: the
            // writer takes the rest now, so that the log stays bounded. Below that a busy disk's noise gets more rounds.
            if (newer >= fresh && logFrames > 2L * LogLimitPages) break;
            fresh = Math.Min(fresh, newer);
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var atWriter = await writer.TruncateLogAsync(truncate: logFrames > 4L * LogLimitPages);
        LeftForWriter = Math.Max(0, atWriter - copied);
        log.LogDebug("The writer checkpointed {Frames} frames left after {Rounds} catch-up rounds, in {Ms:F1} ms (queue included)",
            LeftForWriter, rounds, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    /// <summary>Runs a checkpoint; the number of frames in the log when it ran, and how many of them are copied.</summary>
    private async Task<(long Log, long Copied)> CheckpointAsync(string sql, CancellationToken cancellationToken)
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
        return (logPages, copied);
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
