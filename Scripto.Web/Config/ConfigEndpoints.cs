using System.Text.Json;
using System.Text.Json.Serialization;
using Scripto.Core.Config;
using Scripto.Web.Security;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Scripto.Web.Config;

/// <summary>
/// GET /api/v2/config (admin): the configuration as code, YAML by default, JSON when asked with
/// <c>Accept: application/json</c>; the same keys in both. Kept apart from the v2 ping's files.
/// </summary>
public static class ConfigEndpoints
{
    internal static readonly ISerializer Yaml = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .DisableAliases()
        .Build();

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static void MapConfig(this WebApplication app) =>
        app.MapGet("/api/v2/config", async (HttpContext http, ConfigExport export) =>
        {
            var document = await export.ReadAsync(http.RequestAborted);
            return WantsJson(http.Request)
                ? Results.Text(JsonSerializer.Serialize(document, Json), "application/json; charset=utf-8")
                : Results.Text(Yaml.Serialize(document), "application/yaml; charset=utf-8");
        }).RequireAuthorization(Policies.Admin).WithTags("v2: configuration as code")
        .WithSummary("The configuration as code (scripts, channels without secrets, status pages): YAML, or JSON when asked.");

    private static bool WantsJson(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
}
