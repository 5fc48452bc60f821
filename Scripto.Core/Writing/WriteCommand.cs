using Scripto.Core.Changes;
using Scripto.Core.Keys;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Core.Writing;

/// <summary>One queued change. Applied by the writer inside a batch transaction; answered after the commit.</summary>
internal abstract class WriteCommand
{
    public TaskCompletionSource<WriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public abstract WriteResult Apply(WriteContext context);

    /// <summary>The script this command changes, by id, when it says so before it is applied (to lock the batch's rows in order).</summary>
    public virtual long? ScriptId => null;

    /// <summary>The script this command changes, by name and server, when it names one.</summary>
    public virtual (string Name, string Server)? ScriptName => null;
}

internal sealed class CreateScript(ScriptChanges changes, string? address) : WriteCommand
{
    public override WriteResult Apply(WriteContext context)
    {
        if (context.Full) return WriteResult.LimitReached;
        var script = new Script { CreatedAt = context.Now };
        var run = script.Apply(changes, context.Now, address);
        var saved = context.Save(script, loaded: null, FlipState.New, run, () => WriteContext.Describe(run, script));
        return new WriteResult(WriteOutcome.Created, saved);
    }
}

internal sealed class UpdateScript(long id, ScriptChanges changes, string? address, KeyLimits? limits) : WriteCommand
{
    public override long? ScriptId => id;

    public override WriteResult Apply(WriteContext context)
    {
        if (context.Store.Load(id) is not { } script) return WriteResult.NotFound;
        if (limits is not null && Outside(limits, script) is { } outside) return WriteResult.Forbidden(outside);
        var loaded = script.Snapshot();
        if (changes.Status is not { IsPresent: true, Value: not null }) context.CatchUp(script); // an edit, not a v1 report of a run
        var before = script.FlipStateAt(context.Now);
        var run = script.Apply(changes, context.Now, address);
        var saved = context.Save(script, loaded, before, run, () => Reason(run, script));
        return new WriteResult(WriteOutcome.Updated, saved);
    }

    /// <summary>A limited key may neither touch a script outside its limits nor move one out of them (a rename).</summary>
    private FieldError? Outside(KeyLimits limits, Script script) =>
        limits.Refusal(script.Name, script.Server)
        ?? limits.Refusal(changes.Name.IsPresent ? changes.Name.Value.Trim() : script.Name,
            changes.Server.IsPresent ? changes.Server.Value?.Trim() ?? "" : script.Server)
        ?? limits.TagRefusal(script.Tags)
        ?? limits.TagRefusal(changes.Tags.IsPresent ? ScriptTags.Join(changes.Tags.Value) : script.Tags);

    private string Reason(Run? run, Script script) =>
        run is not null ? WriteContext.Describe(run, script)
        : changes.Status.IsPresent ? "status cleared (v1 status null)"
        : changes.Paused.IsPresent ? (changes.Paused.Value ? "paused" : "resumed")
        : changes.Schedule.IsPresent ? $"schedule set to {changes.Schedule.Value.Describe()}"
        : "edited";
}

/// <summary>v2: report by name and server; the first report creates the script. One writer makes it race-free.</summary>
internal sealed class ReportByName(string name, string server, ScriptReport report, Optional<Schedule> schedule, AlertThresholds thresholds,
    Optional<IReadOnlyList<string>> tags = default, RuntimeLimits runtime = default, bool? heartbeat = null, KeyLimits? tagLimits = null) : WriteCommand
{
    public override (string Name, string Server)? ScriptName => (name, server);

    public override WriteResult Apply(WriteContext context)
    {
        var script = context.Store.FindByName(name, server);
        var loaded = script?.Snapshot();
        var created = script is null;
        // A key limited to tags writes only to scripts that carry one (a new one must come with it), and keeps it.
        if (tagLimits is not null && ((script is null ? null : tagLimits.TagRefusal(script.Tags))
                ?? tagLimits.TagRefusal(tags.IsPresent ? ScriptTags.Join(tags.Value) : script?.Tags ?? "")) is { } outside)
            return WriteResult.Forbidden(outside);
        if (created && context.Full) return WriteResult.LimitReached;
        script ??= new Script { Name = name, Server = server, CreatedAt = context.Now };
        if (!created && report.Signal == Signal.Start) context.CatchUp(script); // a start does not end a Down: a finished run does
        var before = created ? FlipState.New : script.FlipStateAt(context.Now);
        if (schedule.IsPresent) script.ChangeSchedule(schedule.Value, context.Now);
        thresholds.ApplyTo(script);
        if (tags.IsPresent) script.Tags = ScriptTags.Join(tags.Value);
        if (heartbeat is { } beat) script.Heartbeat = beat;
        runtime.ApplyTo(script); // before the report: a run that is too short is judged by the limit it came with
        var run = script.Report(report, context.Now);
        var saved = context.Save(script, loaded, before, run, () => WriteContext.Describe(run, script));
        return new WriteResult(created ? WriteOutcome.Created : WriteOutcome.Updated, saved);
    }
}

internal sealed class DeleteScript(long id) : WriteCommand
{
    public override long? ScriptId => id;

    public override WriteResult Apply(WriteContext context)
    {
        if (!context.Store.Delete(id)) return WriteResult.NotFound;
        context.Deleted();
        context.Changes.Add(new ScriptChange(id, ScriptChangeKind.Deleted));
        return new WriteResult(WriteOutcome.Deleted);
    }
}

/// <summary>
/// The time worker's flips: scripts whose grace ran out with no report go down, each with its reason. A row that
/// cannot be read or reasoned about (a time zone this machine does not know, say) is set aside for an hour and
/// logged, as healthchecks does, so that it neither blocks the others nor has the worker retry it every second.
/// </summary>
internal sealed class FlipOverdue(DateTime now, int limit) : WriteCommand
{
    public static readonly TimeSpan SetAside = TimeSpan.FromHours(1);

    public override WriteResult Apply(WriteContext context)
    {
        var flipped = 0;
        foreach (var id in context.Store.Overdue(now, limit))
        {
            Script script;
            Flip flip;
            try
            {
                script = context.Store.Load(id)!;
                flip = DownFlip(script);
            }
            catch (Exception error)
            {
                var until = now + SetAside;
                context.Store.Postpone(id, until);
                context.Postponed.Add((id, until, error));
                continue;
            }
            if (!context.Store.MarkDown(script.Id, now)) continue;
            context.Record(script, flip);
            if (!script.Alerting) context.Alert(script, down: true, script.DownAt!.Value, flip.Reason, HoldUntil(script, now, context));
            context.Changes.Add(new ScriptChange(script.Id, ScriptChangeKind.Updated));
            flipped++;
        }
        return new WriteResult(WriteOutcome.Updated, Count: flipped);
    }

    /// <summary>
    /// A script that missed its time while Scripto was down, or while the writer fell behind, gets one more grace
    /// from now before it is announced: Scripto's own outage must not page anyone.
    /// </summary>
    internal static DateTime? HoldUntil(Script script, DateTime now, WriteContext context)
    {
        var missed = script.IsRunning ? script.DownAt!.Value : script.DueAt ?? script.DownAt!.Value;
        if (missed >= context.StartedAt && now - script.DownAt!.Value <= WriteContext.MaxLag) return null;
        var grace = script.IsRunning ? script.RunLimit(script.StartedAt!.Value) : script.DownAt!.Value - missed;
        return now + grace;
    }

    internal static Flip DownFlip(Script script)
    {
        var before = script.FlipStateAt(script.DownAt!.Value.AddTicks(-1));
        var reason = script.IsRunning
            ? script.MaxRuntime is { } max
                ? $"run started at {script.StartedAt:yyyy-MM-dd HH:mm:ss} UTC ran longer than its max runtime of {ScheduleText.FormatInterval(max)}"
                : $"run started at {script.StartedAt:yyyy-MM-dd HH:mm:ss} UTC did not finish within its grace of {ScheduleText.FormatInterval(script.Schedule.EffectiveGrace(script.StartedAt!.Value))}"
            : $"no report by {script.DueAt:yyyy-MM-dd HH:mm:ss} UTC nor within its grace of {ScheduleText.FormatInterval(script.DownAt!.Value - script.DueAt!.Value)}";
        return new Flip { ScriptId = script.Id, At = script.DownAt!.Value, From = before, To = FlipState.Down, Reason = reason };
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

/// <summary>Checkpoints the rest of the write-ahead log (and empties its file if asked); run by the writer between batches, not inside one (see StorageUpkeep).</summary>
internal sealed class TruncateLog(bool truncate) : WriteCommand
{
    public bool Truncate => truncate;

    public override WriteResult Apply(WriteContext context) =>
        throw new InvalidOperationException("The log is truncated between batches, not inside one.");
}
