using Microsoft.EntityFrameworkCore;
using Scripto.Core.Changes;
using Scripto.Core.Scripts;

namespace Scripto.Core.Writing;

/// <summary>One queued change. Applied by the writer inside a batch transaction; answered after the commit.</summary>
internal abstract class WriteCommand
{
    public TaskCompletionSource<WriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public abstract (WriteResult Result, ScriptChange? Change) Apply(WriteSession session, DateTime utcNow);
}

internal sealed class CreateScript(ScriptChanges changes) : WriteCommand
{
    public override (WriteResult, ScriptChange?) Apply(WriteSession session, DateTime utcNow)
    {
        var script = new Script();
        changes.Resolve(utcNow).ApplyTo(script);
        session.Db.Scripts.Add(script);
        session.Db.SaveChanges(); // inside the batch transaction: assigns the id the answer carries
        return (new WriteResult(WriteOutcome.Created, script.Snapshot()), new ScriptChange(script.Id, ScriptChangeKind.Created));
    }
}

internal sealed class UpdateScript(long id, ScriptChanges changes) : WriteCommand
{
    public override (WriteResult, ScriptChange?) Apply(WriteSession session, DateTime utcNow) =>
        session.Update.Execute(session.Transaction, id, changes.Resolve(utcNow)) is { } stored
            ? (new WriteResult(WriteOutcome.Updated, stored), new ScriptChange(id, ScriptChangeKind.Updated))
            : (WriteResult.NotFound, null);
}

internal sealed class DeleteScript(long id) : WriteCommand
{
    public override (WriteResult, ScriptChange?) Apply(WriteSession session, DateTime utcNow) =>
        session.Db.Scripts.Where(s => s.Id == id).ExecuteDelete() > 0
            ? (new WriteResult(WriteOutcome.Deleted), new ScriptChange(id, ScriptChangeKind.Deleted))
            : (WriteResult.NotFound, null);
}
