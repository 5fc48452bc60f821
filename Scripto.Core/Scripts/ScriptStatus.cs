namespace Scripto.Core.Scripts;

/// <summary>What a person sees for a script. The numeric order is the default order: problems first.</summary>
public enum ScriptStatus
{
    /// <summary>The last run reported failure.</summary>
    Failed = 0,

    /// <summary>Silent past its due time and grace, or a run that started and did not finish within grace.</summary>
    Down = 1,

    /// <summary>Due, still within grace.</summary>
    Late = 2,

    /// <summary>Started, not finished, within grace.</summary>
    Running = 3,

    /// <summary>v1's warning: a v1 period's next run is due within a short window.</summary>
    Soon = 4,

    Ok = 5,

    /// <summary>Would be late or down, but a maintenance window covers it: expected, and not announced.</summary>
    Maintenance = 6,

    Paused = 7,
    NeverReported = 8,
}
