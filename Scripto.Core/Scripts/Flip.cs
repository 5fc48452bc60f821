namespace Scripto.Core.Scripts;

/// <summary>A change of a script's stored status, with why: the timeline, and the base of notifications.</summary>
public sealed class Flip
{
    public long Id { get; set; }
    public long ScriptId { get; set; }
    public DateTime At { get; set; }
    public FlipState From { get; set; }
    public FlipState To { get; set; }
    public string Reason { get; set; } = "";
}

public enum FlipState
{
    New,
    Up,
    Failed,
    Down,
    Paused,
}
