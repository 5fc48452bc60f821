namespace Scripto.Core.Scripts;

/// <summary>A monitored script: its configuration and the state its last report left.</summary>
public sealed class Script
{
    public const int MaxNameLength = 255;
    public const int MaxServerLength = 255;

    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Server { get; set; } = "";

    /// <summary>Did the last run succeed; null until the script first reports.</summary>
    public bool? LastStatus { get; set; }

    /// <summary>When the script last ran, in UTC.</summary>
    public DateTime? LastExec { get; set; }

    public Periodicity? Periodicity { get; set; }

    /// <summary>A detached copy, safe to hand out after the writer's context is gone.</summary>
    public Script Snapshot() => (Script)MemberwiseClone();
}
