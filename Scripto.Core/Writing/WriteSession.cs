using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Scripto.Core.Persistence;
using Scripto.Core.Persistence.Postgres;

namespace Scripto.Core.Writing;

/// <summary>
/// The writer's own connection, opened through EF Core (so its pragmas and foreign keys apply) and kept open
/// for the writer's life so that its statements stay prepared. Used by the writer's loop only. On PostgreSQL it is
/// not one of EF Core's pooled connections but a session of its own (<see cref="WriterConnection"/>).
/// </summary>
internal sealed class WriteSession : IDisposable
{
    private readonly ScriptoDbContext _db;
    private readonly DbConnection _connection;
    private DbTransaction? _transaction;

    public WriteSession(IDbContextFactory<ScriptoDbContext> contexts)
    {
        _db = contexts.CreateDbContext();
        if (_db.Database.IsNpgsql())
            _db.Database.SetDbConnection(WriterConnection.Create(_db.Database.GetConnectionString()!), contextOwnsConnection: true);
        _db.Database.OpenConnection();
        _connection = _db.Database.GetDbConnection();
        if (_connection is SqliteConnection sqlite)
        {
            SqlitePragmas.ForWriter(sqlite);
            WriterLockWait.Install(sqlite);
            NativeHeap.KeepFreedPages(); // SQLite's page caches, emptied and refilled many times a second
        }
        Store = new ScriptStore(_connection, _db.Database.IsNpgsql() ? SqlDialect.Postgres : SqlDialect.Sqlite);
    }

    public ScriptStore Store { get; }

    /// <summary>The writer's EF Core context on this connection, for a command that writes other tables in the batch (ApplyConfig).</summary>
    public ScriptoDbContext Db => _db;

    /// <summary>The batch's transaction while one is open.</summary>
    public System.Data.Common.DbTransaction? Transaction => _transaction;

    public void Begin() => Store.Transaction = _transaction = _connection.BeginTransaction();

    public void Commit()
    {
        Store.Flush();
        _transaction!.Commit();
        End();
    }

    /// <summary>Ends the batch's transaction, rolling back what was not committed.</summary>
    public void End()
    {
        _transaction?.Dispose();
        Store.Transaction = _transaction = null;
    }

    /// <summary>Whether the SQLite database file was deleted or replaced under this connection since it opened (a server's database cannot be).</summary>
    public bool FileMoved() => _connection is SqliteConnection sqlite && DatabaseFile.HasMoved(sqlite);

    /// <summary>
    /// Checkpoints SQLite's whole log between batches: no report can slip in meanwhile, so it copies every frame and the
    /// next commit starts the log over at its beginning, reusing the file as it is. RESTART, not PASSIVE: a reader
    /// still on the log at that next commit (the planner reads ten times a second under a burst of flips) would keep
    /// it from starting over, the log then grew to four times its limit and was emptied, a second with every report
    /// waiting (bench/README.md, "Seventh pass"); RESTART waits for such readers, at most <see cref="ReadersWait"/>
    /// (else the upkeep asks again in half a second). TRUNCATE also empties the file: freeing its blocks cost several
    /// times the copy here.
    /// </summary>
    /// <returns>The frames in the log when it ran (0 on PostgreSQL), and whether readers or a lock kept it from the end.</returns>
    public (int Frames, bool Busy) TruncateLog(bool truncate)
    {
        if (_connection is not SqliteConnection) return (0, false);
        using var command = _connection.CreateCommand();
        command.CommandText = truncate ? "PRAGMA wal_checkpoint(TRUNCATE);" : "PRAGMA wal_checkpoint(RESTART);";
        using var wait = truncate ? default : WriterLockWait.AtMost(ReadersWait);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(1), reader.GetInt32(0) != 0) : (0, false); // busy, frames in the log, frames copied
    }

    /// <summary>How long the writer's checkpoint waits for readers to leave the log (every report waits with it).</summary>
    internal static readonly TimeSpan ReadersWait = TimeSpan.FromMilliseconds(10);

    public void Dispose()
    {
        End();
        Store.Dispose();
        _db.Dispose();
    }
}
