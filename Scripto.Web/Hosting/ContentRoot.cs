namespace Scripto.Web.Hosting;

internal static class ContentRoot
{
    /// <summary>
    /// A published install serves its static files (blazor.web.js, MudBlazor's) from the wwwroot beside its binaries,
    /// wherever it is started from: `cd /var/lib/scripto &amp;&amp; dotnet /opt/scripto/Scripto.Web.dll` keeps its database
    /// in the working directory and its files in /opt/scripto. Null (the default: the working directory) when the
    /// binaries have no wwwroot, as under `dotnet run`, where the build serves them from the project.
    /// </summary>
    public static string? BesideBinaries(string baseDirectory) =>
        Directory.Exists(Path.Combine(baseDirectory, "wwwroot")) ? baseDirectory : null;
}
