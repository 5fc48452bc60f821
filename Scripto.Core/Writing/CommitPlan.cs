using Microsoft.EntityFrameworkCore;
using Scripto.Core.Notifications.Alerts;

namespace Scripto.Core.Writing;

/// <summary>
/// What a notification planning pass writes, committed in the writer's batch on SQLite: the events it consumed
/// (deleted), the flap states it changed or forgot, and its groups and deliveries (the entities its own context
/// tracked as added, changed or removed). SQLite has one write lock per file: a pass committing on its own
/// connection made the writer wait for that lock, and its commit emptied the writer's page cache, so every report
/// after it read the pages of the scripts' table and indexes from the file again (bench/README.md, "Eighth pass").
/// Inside a savepoint: a pass whose events were consumed by another first, or whose channel was deleted meanwhile,
/// writes nothing and the batch's reports stay written. PostgreSQL keeps the pass's own transaction.
/// </summary>
internal sealed class CommitPlan(long[] consumed, long[] forgotten, IReadOnlyCollection<FlapState> flaps,
    IReadOnlyList<(object Entity, EntityState State)> entities) : WriteCommand
{
    private const string Savepoint = "plan";

    /// <summary>Some of the events were no longer there (consumed by another first): nothing of the pass was written.</summary>
    public bool Conflict { get; private set; }

    /// <summary>Why the pass's writes failed (nothing of them was written), such as a channel deleted meanwhile.</summary>
    public Exception? Failure { get; private set; }

    public override WriteResult Apply(WriteContext context)
    {
        (Conflict, Failure) = (false, null); // applied again alone when the batch it was in failed
        var session = context.Session ?? throw new InvalidOperationException("A planning pass is committed by the writer, inside its transaction.");
        var transaction = session.Transaction!;
        var db = session.Db;
        context.Store.Flush(); // what the store holds back goes first (nothing the pass reads: scripts are not its tables)
        transaction.Save(Savepoint);
        db.Database.UseTransaction(transaction);
        try
        {
            var deleted = consumed.Length == 0 ? 0 : db.AlertEvents.Where(e => EF.Parameter(consumed).Contains(e.Id)).ExecuteDelete();
            if (deleted != consumed.Length)
            {
                Conflict = true;
                transaction.Rollback(Savepoint);
                return new WriteResult(WriteOutcome.Updated);
            }
            if (forgotten.Length > 0) db.FlapStates.Where(f => EF.Parameter(forgotten).Contains(f.ScriptId)).ExecuteDelete();
            FlapStore.WriteAsync(db, flaps, CancellationToken.None).GetAwaiter().GetResult(); // synchronous on SQLite
            foreach (var (entity, state) in entities) db.Entry(entity).State = state;
            db.SaveChanges();
            transaction.Release(Savepoint);
            return new WriteResult(WriteOutcome.Updated, Count: deleted);
        }
        catch (DbUpdateException error) when (error.InnerException is not Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 13 }) // a full disk is the batch's
        {
            // Such as a channel deleted while the pass planned for it (a foreign key): the planner plans again.
            transaction.Rollback(Savepoint);
            Failure = error;
            return new WriteResult(WriteOutcome.Updated);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.Database.UseTransaction(null);
        }
    }
}
