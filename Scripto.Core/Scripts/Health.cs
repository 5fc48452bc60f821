namespace Scripto.Core.Scripts;

/// <summary>The stored part of a script's status: what its reports and the time worker decided.</summary>
public enum Health
{
    New,
    Up,
    Down,
}
