using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Scripto.Core.Persistence;

namespace Scripto.Core.Writing;

/// <summary>
/// The writer's own connection, kept open for its life so that the report statement stays prepared.
/// Used by the writer's loop only, one batch at a time.
/// </summary>
internal sealed class WriteSession : IDisposable
{
    private IDbContextTransaction? _transaction;

    public WriteSession(IDbContextFactory<ScriptoDbContext> contexts)
    {
        Db = contexts.CreateDbContext();
        Db.Database.OpenConnection();
        Update = new ScriptUpdateStatement((SqliteConnection)Db.Database.GetDbConnection());
    }

    public ScriptoDbContext Db { get; }
    public ScriptUpdateStatement Update { get; }

    public SqliteTransaction Transaction => (SqliteTransaction)_transaction!.GetDbTransaction();

    public void Begin() => _transaction = Db.Database.BeginTransaction();

    public void Commit()
    {
        _transaction!.Commit();
        End();
    }

    /// <summary>Ends the batch's transaction (rolling back what was not committed) and forgets tracked entities.</summary>
    public void End()
    {
        _transaction?.Dispose();
        _transaction = null;
        Db.ChangeTracker.Clear();
    }

    public void Dispose()
    {
        End();
        Update.Dispose();
        Db.Dispose();
    }
}
