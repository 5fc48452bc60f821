using Microsoft.EntityFrameworkCore;
using Scripto.Core.Changes;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;

namespace Scripto.Core.Writing;

/// <summary>One queued change. Applied by the writer inside a batch transaction; answered after the commit.</summary>
internal abstract class WriteCommand
{
    public TaskCompletionSource<WriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The script this command touches, if known before it runs: the writer loads these in one query.</summary>
    public virtual long? TargetId => null;

    public abstract (WriteResult Result, ScriptChange? Change) Apply(ScriptoDbContext db, DateTime utcNow);

    /// <summary>The tracked script (the writer preloaded it), unless an earlier command of the batch deleted it.</summary>
    protected static Script? FindLive(ScriptoDbContext db, long id)
    {
        var script = db.Scripts.Local.FindEntry(id)?.Entity;
        return script is null || db.Entry(script).State == EntityState.Deleted ? null : script;
    }
}

internal sealed class CreateScript(ScriptChanges changes) : WriteCommand
{
    public override (WriteResult, ScriptChange?) Apply(ScriptoDbContext db, DateTime utcNow)
    {
        var script = new Script();
        changes.ApplyTo(script, utcNow);
        db.Scripts.Add(script);
        db.SaveChanges(); // inside the batch transaction: assigns the id the answer carries
        return (new WriteResult(WriteOutcome.Created, script.Snapshot()), new ScriptChange(script.Id, ScriptChangeKind.Created));
    }
}

internal sealed class UpdateScript(long id, ScriptChanges changes) : WriteCommand
{
    public override long? TargetId => id;

    public override (WriteResult, ScriptChange?) Apply(ScriptoDbContext db, DateTime utcNow)
    {
        if (FindLive(db, id) is not { } script) return (WriteResult.NotFound, null);
        changes.ApplyTo(script, utcNow);
        return (new WriteResult(WriteOutcome.Updated, script.Snapshot()), new ScriptChange(id, ScriptChangeKind.Updated));
    }
}

internal sealed class DeleteScript(long id) : WriteCommand
{
    public override long? TargetId => id;

    public override (WriteResult, ScriptChange?) Apply(ScriptoDbContext db, DateTime utcNow)
    {
        if (FindLive(db, id) is not { } script) return (WriteResult.NotFound, null);
        db.Scripts.Remove(script);
        return (new WriteResult(WriteOutcome.Deleted, script.Snapshot()), new ScriptChange(id, ScriptChangeKind.Deleted));
    }
}
