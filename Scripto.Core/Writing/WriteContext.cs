using Scripto.Core.Changes;
using Scripto.Core.Maintenance;
using Scripto.Core.Notifications.Alerts;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;

namespace Scripto.Core.Writing;

/// <summary>What a command works with inside a batch: the store, the batch's time, and what to announce after the commit.</summary>
internal sealed class WriteContext(ScriptStore store, DateTime now, TouchedScripts touched, long scripts = 0, long maxScripts = long.MaxValue, DateTime startedAt = default)
{
    /// <summary>A flip this much later than its due time means the writer fell behind: its announcement waits one more grace.</summary>
    public static readonly TimeSpan MaxLag = TimeSpan.FromMinutes(1);

    /// <summary>How many scripts there are with this batch's changes so far.</summary>
    public long Scripts { get; private set; } = scripts;

    /// <summary>Whether one more script would pass Limits:MaxScripts.</summary>
    public bool Full => Scripts >= maxScripts;

    public void Deleted() => Scripts--;

    public ScriptStore Store => store;

    /// <summary>The writer's session, for a command that writes more than scripts in the batch's transaction (ApplyConfig).</summary>
    public WriteSession? Session { get; init; }

    /// <summary>The maintenance windows still open, read once per batch when a command needs them.</summary>
    public List<MaintenanceWindow> Windows => _windows ??= store.OpenWindows(now);
    private List<MaintenanceWindow>? _windows;
    public DateTime Now => now;

    /// <summary>When this process's writer started: what was due before then passed while Scripto was down.</summary>
    public DateTime StartedAt => startedAt;
    public List<ScriptChange> Changes { get; } = [];

    /// <summary>The status changes of this batch, to log once they are committed.</summary>
    public List<(Script Script, Flip Flip)> Flips { get; } = [];

    /// <summary>Scripts set aside because their row could not be handled, to log once committed.</summary>
    public List<(long Id, DateTime Until, Exception Error)> Postponed { get; } = [];

    public void Record(Script script, Flip flip)
    {
        store.Append(flip);
        Flips.Add((script, flip));
    }

    /// <summary>How many alert events (the notifications' outbox) this batch recorded.</summary>
    public int Alerts { get; private set; }

    /// <summary>Records, in the batch's transaction, that a script is announced down or recovered: the outbox row.</summary>
    public void Alert(Script script, bool down, DateTime at, string reason, DateTime? holdUntil = null, bool anomaly = false)
    {
        var inWindow = script.MaintenanceUntil is { } until && until > now;
        // An unusual run inside a maintenance window is expected (an upgrade is slow): not worth a message.
        if (anomaly && inWindow) return;
        // In a maintenance window nothing is announced until it ends; the planner then tells what still holds.
        if (inWindow && (holdUntil is null || script.MaintenanceUntil > holdUntil)) holdUntil = script.MaintenanceUntil;
        store.Append(new AlertEvent { ScriptId = script.Id, At = at, Down = down, Reason = reason, HoldUntil = holdUntil, Anomaly = anomaly });
        Alerts++;
    }

    /// <summary>
    /// Before an edit (or a start) of a script whose grace ran out and which the time worker has not flipped yet (it
    /// runs every second, or was behind): the flip down and its announcement, as the worker would have recorded them.
    /// An edit never ends a Down (a run, a pause or a delete does), so it must not hide one either: without this, an
    /// edit that moves its due times ahead would record Down -> Up though no Down was ever recorded nor announced.
    /// The row's health, alerting and streak are written by <see cref="Save"/> with the edit.
    /// </summary>
    public void CatchUp(Script script)
    {
        if (script.Paused || script.Health == Health.Down || script.DownAt is not { } downAt || downAt > now) return;
        if (ScriptStatusRule.UnmaskedOf(script, now) != ScriptStatus.Down) return;
        var flip = FlipOverdue.DownFlip(script);
        Record(script, flip);
        var announce = !script.Alerting;
        (script.Health, script.Alerting, script.Streak) = (Health.Down, true, Math.Min(script.Streak, 0));
        if (announce) Alert(script, down: true, downAt, flip.Reason, FlipOverdue.HoldUntil(script, now, this));
    }

    /// <summary>
    /// Stores a script after a change, appends its run, and records a flip when its stored status changed.
    /// <paramref name="loaded"/> is the script as it was read (null for one just created), <paramref name="before"/>
    /// its flip state before the change (New for a script just created).
    /// </summary>
    public Script Save(Script script, Script? loaded, FlipState before, Run? run, Func<string> reason)
    {
        if (run is not null && loaded is not null && Older(run, loaded)) return KeepNewer(loaded, run);
        // A new script, or one renamed, moved or retagged, may fall in (or out of) a window: windows cover scripts yet to report.
        if (loaded is null || loaded.Name != script.Name || loaded.Server != script.Server || loaded.Tags != script.Tags)
            script.MaintenanceUntil = MaintenanceCalendar.Until(Windows, script, now);
        var alert = script.UpdateAlerting(now, finishedRun: run is { Signal: not Signal.Start });
        var created = loaded is null;
        if (created)
        {
            store.Insert(script);
            Scripts++;
        }
        else store.Update(loaded!, script);

        if (run is { DurationMs: > 0 } && !created) AlertAnomaly(script, run.DurationMs.Value);
        if (run is not null)
        {
            run.ScriptId = script.Id;
            store.Append(run);
            touched.Add(script.Id);
        }
        var after = script.FlipStateAt(now);
        var why = after != before || alert is not null ? reason() : "";
        // A report of a run long past (a last_exec with its offset, hours ago) may leave the script down: the reason says
        // why, so that it never reads "reported success" alone beside a Down.
        if (after == FlipState.Down && run is { Signal: not Signal.Start } && why.Length > 0)
            why = $"{why} for a run at {run.At:yyyy-MM-dd HH:mm:ss} UTC, already past its next due time and grace";
        if (after != before)
            Record(script, new Flip { ScriptId = script.Id, At = now, From = before, To = after, Reason = why });
        if (alert is { } down) Alert(script, down, now, why);
        Changes.Add(new ScriptChange(script.Id, created ? ScriptChangeKind.Created : ScriptChangeKind.Updated));
        return script.Snapshot();
    }

    /// <summary>
    /// Whether a report is older than the last one the script stored: another node's writer (or this one, before the
    /// clock stepped back, or a v1 client naming its last_exec) got a later one in first. Reports never go backwards.
    /// </summary>
    private static bool Older(Run run, Script stored) => Latest(stored.LastExec, stored.StartedAt) is { } latest && run.At < latest;

    private static DateTime? Latest(DateTime? a, DateTime? b) => a is null ? b : b is null || a > b ? a : b;

    /// <summary>An older report is history only: its run is recorded, the script's state stays as the later report left it.</summary>
    private Script KeepNewer(Script stored, Run run)
    {
        run.ScriptId = stored.Id;
        store.Append(run);
        touched.Add(stored.Id);
        Changes.Add(new ScriptChange(stored.Id, ScriptChangeKind.Updated));
        return stored.Snapshot();
    }

    /// <summary>
    /// A timed run far longer or shorter than the median of the 20 before it: an outbox row like a flip's, which only
    /// channels that announce anomalies turn into a message. One indexed read of 20 durations per timed run.
    /// </summary>
    private void AlertAnomaly(Script script, long durationMs)
    {
        var before = store.RecentDurations(script.Id, RunAnomalies.Window);
        if (RunAnomalies.Ratio(before, durationMs) is { } ratio)
            Alert(script, down: false, now, RunAnomalies.Reason(durationMs, before, ratio), anomaly: true);
    }

    public static string Describe(Run? run, Script? script = null) => run switch
    {
        null => "",
        { Signal: Signal.Success, DurationMs: { } ms } when Script.TooShort(TimeSpan.FromMilliseconds(ms), script?.MinRuntime) is { } tooShort => tooShort,
        { Signal: Signal.Start } => "started",
        { Signal: Signal.Success, ExitCode: { } code } => $"reported success (exit code {code})",
        { Signal: Signal.Success } => "reported success",
        { ExitCode: { } code } => $"reported failure (exit code {code})",
        _ => "reported failure",
    };
}
