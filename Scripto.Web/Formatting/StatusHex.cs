using Scripto.Core.Scripts;

namespace Scripto.Web.Formatting;

/// <summary>
/// Each state's colour where there is no theme: badges and public status pages (shields' palette, so a badge sits
/// well beside others in a README). A new state is one line here; the tests walk every state.
/// </summary>
public static class StatusHex
{
    public static string Of(ScriptStatus status) => status switch
    {
        ScriptStatus.Failed or ScriptStatus.Down => "#e05d44",
        ScriptStatus.Late => "#dfb317",
        ScriptStatus.Running => "#007ec6",
        ScriptStatus.Maintenance => "#5a67d8",
        ScriptStatus.Soon => "#97ca00",
        ScriptStatus.Ok => "#44cc11",
        ScriptStatus.Paused => "#6c757d",
        ScriptStatus.NeverReported => "#9f9f9f",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "a new state needs its colour here"),
    };
}
