using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Scripto.Web.Hosting;

/// <summary>The OpenAPI document of every API (<c>/openapi/v1.json</c>) and a page to browse it (<c>/api/docs</c>).</summary>
internal static class ApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/docs";

    public static void AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddOperationTransformer<HandReadRequests>().AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Scripto",
                Version = "v1 and v2",
                Description = "Scripts report how they ran; Scripto shows it live. "
                    + "v1 is the original Scripto's API, request for request; v2 reports by name, nothing to remember. "
                    + "Errors are RFC 7807 problem details naming the field.",
            };
            return Task.CompletedTask;
        }));

    public static void MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous(); // the API's shape is no secret; its data is
        // Self-hosted, often with no internet: nothing that calls out (fonts, telemetry, AI agents, cloud upsells).
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("Scripto API")
            .WithOpenApiRoutePattern(DocumentPath)
            .HideDeveloperTools()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .DisableDefaultFonts()
            .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl))
            .AllowAnonymous();
    }
}
