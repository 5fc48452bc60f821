using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Scripto.Web.Hosting;

/// <summary>The OpenAPI document of every API (<c>/openapi/v1.json</c>) and a page to browse it (<c>/api/docs</c>).</summary>
internal static class ApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/docs";

    public static void AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Scripto",
                Version = "v1 and v2",
                Description = "Scripts report how they ran; Scripto shows it live. "
                    + "v1 is the original Scripto's API, request for request; v2 reports by name, nothing to remember. "
                    + "Errors are RFC 7807 problem details naming the field.",
            };
            AddKeySchemes(document);
            OrderTags(document);
            return Task.CompletedTask;
        }));

    /// <summary>The reference page lists (and opens) the groups in the document's order: reporting first (v2, then v1).</summary>
    private static void OrderTags(OpenApiDocument document)
    {
        if (document.Tags is not { Count: > 0 } tags) return;
        string[] first = ["v2: report by name", "v1: the original Scripto's API"];
        document.Tags = new HashSet<OpenApiTag>(tags
            .OrderBy(t => Array.IndexOf(first, t.Name) is var i and >= 0 ? i : first.Length)
            .ThenBy(t => t.Name, StringComparer.Ordinal));
    }

    /// <summary>A key goes in either header; declared so that the reference page's "Try it" can send one.</summary>
    private static void AddKeySchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            ["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key made on the API keys page: Authorization: Bearer KEY.",
            },
            ["ApiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "The same key in X-Api-Key: KEY.",
            },
        };
        // Either one will do (two requirements); requests from the server's own machine need none by default.
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] },
        ];
    }

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
