using Scripto.Core.Changes;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Core.Writing;

/// <summary>One queued change. Applied by the writer inside a batch transaction; answered after the commit.</summary>
internal abstract class WriteCommand
{
    public TaskCompletionSource<WriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public abstract WriteResult Apply(WriteContext context);
}

internal sealed class CreateScript(ScriptChanges changes, string? address) : WriteCommand
{
    public override WriteResult Apply(WriteContext context)
    {
        if (context.Full) return WriteResult.LimitReached;
        var script = new Script { CreatedAt = context.Now };
        var run = script.Apply(changes, context.Now, address);
        var saved = context.Save(script, loaded: null, FlipState.New, run, () => WriteContext.Describe(run));
        return new WriteResult(WriteOutcome.Created, saved);
    }
}

internal sealed class UpdateScript(long id, ScriptChanges changes, string? address) : WriteCommand
{
    public override WriteResult Apply(WriteContext context)
    {
        if (context.Store.Load(id) is not { } script) return WriteResult.NotFound;
        var loaded = script.Snapshot();
        var before = script.FlipStateAt(context.Now);
        var run = script.Apply(changes, context.Now, address);
        var saved = context.Save(script, loaded, before, run, () => Reason(run));
        return new WriteResult(WriteOutcome.Updated, saved);
    }

    private string Reason(Run? run) =>
        run is not null ? WriteContext.Describe(run)
        : changes.Paused.IsPresent ? (changes.Paused.Value ? "paused" : "resumed")
        : changes.Schedule.IsPresent ? $"schedule set to {changes.Schedule.Value.Describe()}"
        : "edited";
}

/// <summary>v2: report by name and server; the first report creates the script. One writer makes it race-free.</summary>
internal sealed class ReportByName(string name, string server, ScriptReport report, Optional<Schedule> schedule) : WriteCommand
{
    public override WriteResult Apply(WriteContext context)
    {
        var script = context.Store.FindByName(name, server);
        var loaded = script?.Snapshot();
        var created = script is null;
        if (created && context.Full) return WriteResult.LimitReached;
        script ??= new Script { Name = name, Server = server, CreatedAt = context.Now };
        var before = created ? FlipState.New : script.FlipStateAt(context.Now);
        if (schedule.IsPresent) script.ChangeSchedule(schedule.Value, context.Now);
        var run = script.Report(report, context.Now);
        var saved = context.Save(script, loaded, before, run, () => WriteContext.Describe(run));
        return new WriteResult(created ? WriteOutcome.Created : WriteOutcome.Updated, saved);
    }
}

internal sealed class DeleteScript(long id) : WriteCommand
{
    public override WriteResult Apply(WriteContext context)
    {
        if (!context.Store.Delete(id)) return WriteResult.NotFound;
        context.Deleted();
        context.Changes.Add(new ScriptChange(id, ScriptChangeKind.Deleted));
        return new WriteResult(WriteOutcome.Deleted);
    }
}

/// <summary>The time worker's flips: scripts whose grace ran out with no report go down, each with its reason.</summary>
internal sealed class FlipOverdue(DateTime now, int limit) : WriteCommand
{
    public override WriteResult Apply(WriteContext context)
    {
        var flipped = 0;
        foreach (var script in context.Store.Overdue(now, limit))
        {
            var before = script.FlipStateAt(script.DownAt!.Value.AddTicks(-1));
            if (!context.Store.MarkDown(script.Id, now)) continue;
            var reason = script.IsRunning
                ? $"run started at {script.StartedAt:yyyy-MM-dd HH:mm:ss} UTC did not finish within its grace of {ScheduleText.FormatInterval(script.Schedule.EffectiveGrace(script.StartedAt!.Value))}"
                : $"no report by {script.DueAt:yyyy-MM-dd HH:mm:ss} UTC nor within its grace of {ScheduleText.FormatInterval(script.DownAt!.Value - script.DueAt!.Value)}";
            context.Record(script, new Flip { ScriptId = script.Id, At = script.DownAt!.Value, From = before, To = FlipState.Down, Reason = reason });
            context.Changes.Add(new ScriptChange(script.Id, ScriptChangeKind.Updated));
            flipped++;
        }
        return new WriteResult(WriteOutcome.Updated, Count: flipped);
    }
}

/// <summary>Trims the history of the scripts that got runs since the last pruning, off the report path.</summary>
internal sealed class PruneRuns(TouchedScripts touched, int keep, int maxScripts) : WriteCommand
{
    public override WriteResult Apply(WriteContext context)
    {
        var deleted = 0;
        foreach (var id in touched.Take(maxScripts))
            deleted += context.Store.PruneRuns(id, keep);
        return new WriteResult(WriteOutcome.Updated, Count: deleted);
    }
}

/// <summary>Empties the write-ahead log; run by the writer between batches, not inside one (see Checkpointer).</summary>
internal sealed class TruncateLog : WriteCommand
{
    public override WriteResult Apply(WriteContext context) =>
        throw new InvalidOperationException("The log is truncated between batches, not inside one.");
}
