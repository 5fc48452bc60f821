using MudBlazor;
using Scripto.Core.Scripts;

namespace Scripto.Web.Formatting;

/// <summary>A status as a person reads it: its label, its colour, and its name in a URL.</summary>
public static class StatusText
{
    public static string Label(ScriptStatus status) => status switch
    {
        ScriptStatus.Failed => "Failed",
        ScriptStatus.Down => "Down",
        ScriptStatus.Running => "Running",
        ScriptStatus.Paused => "Paused",
        ScriptStatus.Late => "Late",
        ScriptStatus.Soon => "Soon",
        ScriptStatus.Ok => "Success",
        ScriptStatus.NeverReported => "Never reported",
        _ => status.ToString(),
    };

    public static Color Color(ScriptStatus status) => status switch
    {
        ScriptStatus.Failed or ScriptStatus.Down => MudBlazor.Color.Error,
        ScriptStatus.Running => MudBlazor.Color.Primary,
        ScriptStatus.Paused => MudBlazor.Color.Dark,
        ScriptStatus.Late => MudBlazor.Color.Warning,
        ScriptStatus.Soon => MudBlazor.Color.Info,
        ScriptStatus.Ok => MudBlazor.Color.Success,
        _ => MudBlazor.Color.Default,
    };

    public static string UrlName(ScriptStatus status) => status switch
    {
        ScriptStatus.NeverReported => "never",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static ScriptStatus? FromUrl(string? text) =>
        Enum.GetValues<ScriptStatus>().Cast<ScriptStatus?>().FirstOrDefault(s => UrlName(s!.Value) == text?.ToLowerInvariant());
}
