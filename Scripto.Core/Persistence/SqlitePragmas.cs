using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Scripto.Core.Persistence;

/// <summary>
/// A fresh SQLite connection starts with synchronous=FULL and no busy timeout. WAL with NORMAL loses nothing
/// committed when the process dies (only on power loss), and the busy timeout lets a reader or a second writer
/// wait instead of failing with "database is locked". Automatic checkpoints are off: they would run (and fsync)
/// inside the writer's commit; StorageUpkeep does them on its own connection.
/// </summary>
internal sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
{
    private readonly string _sql = $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=0;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The writer's connection lives as long as the writer and touches every script's row and its runs' index: a page
    /// cache of 16 MiB instead of SQLite's 2 MiB keeps those of a large database (100,000 scripts) in memory rather
    /// than reading them again from the file (pread) for every report. One connection, so 16 MiB once.
    /// </summary>
    public static void ForWriter(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA cache_size=-{WriterCacheKiB};";
        command.ExecuteNonQuery();
    }

    public const int WriterCacheKiB = 16 * 1024;

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
    }
}
