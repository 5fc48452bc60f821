namespace Scripto.Core.Scripts;

/// <summary>The stored part of a script's status: what its reports and the time worker decided.</summary>
public enum Health
{
    New,
    Up,

    /// <summary>The last run reported failure (it goes Down too if it then falls silent past its grace).</summary>
    Failed,

    /// <summary>Silent past its grace, as the time worker found.</summary>
    Down,
}
