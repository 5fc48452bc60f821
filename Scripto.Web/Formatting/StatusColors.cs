using MudBlazor;
using Scripto.Core.Scripts;

namespace Scripto.Web.Formatting;

/// <summary>The colour of each state (its words are Core's StatusWords): red for failed and down, alike; blue for maintenance.</summary>
public static class StatusColors
{
    public static Color Of(ScriptStatus status) => status switch
    {
        ScriptStatus.Failed or ScriptStatus.Down => Color.Error,
        ScriptStatus.Running => Color.Primary,
        ScriptStatus.Paused => Color.Dark,
        ScriptStatus.Late => Color.Warning,
        ScriptStatus.Soon or ScriptStatus.Maintenance => Color.Info, // blue: expected, nobody needs to act
        ScriptStatus.Ok => Color.Success,
        _ => Color.Default,
    };

    public static Color Of(FlipState state) => state switch
    {
        FlipState.Up => Color.Success,
        FlipState.Failed or FlipState.Down => Color.Error,
        FlipState.Paused => Color.Dark,
        _ => Color.Default,
    };

    public static Color Of(Signal signal) => signal switch
    {
        Signal.Success => Color.Success,
        Signal.Failure => Color.Error,
        _ => Color.Primary,
    };
}
