namespace Scripto.Core.Scripts;

/// <summary>What the dashboard shows for a script. The numeric order is the default order: problems first.</summary>
public enum ScriptStatus
{
    Failed = 0,
    Late = 1,
    Soon = 2,
    Ok = 3,
    NeverReported = 4,
}
