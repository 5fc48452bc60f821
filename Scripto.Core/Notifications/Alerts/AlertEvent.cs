namespace Scripto.Core.Notifications.Alerts;

/// <summary>
/// The outbox of the write path: a script announced down, or recovered, recorded by the writer in the same
/// transaction as the change that caused it, and consumed by the planner once it has grouped it. So a crash right
/// after a report's commit still gets its message out after restart.
/// </summary>
public sealed class AlertEvent
{
    public long Id { get; set; }
    public long ScriptId { get; set; }
    public DateTime At { get; set; }

    /// <summary>True: went down; false: recovered (unless <see cref="Anomaly"/>).</summary>
    public bool Down { get; set; }

    /// <summary>Not a change of state: a run took far longer or shorter than usual (RunAnomalies); told only to channels that ask.</summary>
    public bool Anomaly { get; set; }
    public string Reason { get; set; } = "";

    /// <summary>
    /// Not announced before this time: a script whose due passed while Scripto itself was down (or its writer behind)
    /// gets one more grace, so Scripto's own outage pages no one.
    /// </summary>
    public DateTime? HoldUntil { get; set; }
}
