using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Scripto.Core.Persistence;

/// <summary>
/// Copies the write-ahead log back into the database file every few seconds, on a connection of its own. SQLite
/// would otherwise do it (and its fsync) inside the writer's commit every 1,000 pages, stalling every report
/// waiting on that batch. PASSIVE never blocks the writer; on shutdown a TRUNCATE leaves a compact file.
/// </summary>
public sealed class Checkpointer(IDbContextFactory<ScriptoDbContext> contexts, TimeProvider clock, ILogger<Checkpointer> log) : IAsyncDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

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
                await CheckpointAsync(Passive, cancellationToken);
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

    private async Task CheckpointAsync(string sql, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
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
