using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Scripto.Web.Hosting;

internal static class SettingsBesideBinaries
{
    /// <summary>
    /// appsettings.json lives at the repository root and is copied beside the binaries. Read it from there, not
    /// from the working directory, so `dotnet run --project Scripto.Web` and a published install read the same file.
    /// Its place among the sources is kept: environment variables and the command line still override it.
    /// </summary>
    public static void ReadSettingsBesideBinaries(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json && path.StartsWith("appsettings", StringComparison.Ordinal))
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = path,
                    Optional = true,
                    ReloadOnChange = json.ReloadOnChange,
                    FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
                };
            }
        }
    }
}
