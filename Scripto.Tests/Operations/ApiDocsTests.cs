using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Operations;

/// <summary>The OpenAPI document and the reference page: read only, so one app serves the whole class.</summary>
public sealed class ApiDocsTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private ScriptoFactory App => shared.App;
    private HttpClient Client => shared.Client;

    private async Task<JsonObject> DocumentAsync()
    {
        var response = await Client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task The_OpenAPI_document_has_every_API_endpoint_of_the_app()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();

        // Every route that a controller or an API endpoint answers, as the app itself has them (a new one must show up).
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ActionDescriptor>() is not null || e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<ApiExplorerSettingsAttribute>() is not { IgnoreApi: true })
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, Path: DocPath(e.RoutePattern.RawText!))))
            .ToList();
        Assert.True(endpoints.Count >= 10, $"found only {endpoints.Count} endpoints");
        foreach (var (method, path) in endpoints)
            Assert.True(paths[path]?[method.ToLowerInvariant()] is not null, $"{method} {path} is missing from the OpenAPI document");
    }

    [Fact]
    public async Task The_document_describes_the_ping_query_and_the_v1_body_that_are_read()
    {
        var paths = (await DocumentAsync())["paths"]!;

        var ping = paths["/api/v2/ping/{name}/{exitCode}"]!["post"]!;
        var parameters = ping["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        Assert.Superset(new HashSet<string> { "name", "exitCode", "server", "schedule", "cron", "tz", "grace", "duration" }, parameters.ToHashSet());
        Assert.NotNull(ping["requestBody"]!["content"]!["text/plain"]);
        Assert.NotNull(ping["responses"]!["201"]);

        var create = paths["/api/v1/script"]!["post"]!;
        var body = create["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var properties = (body["properties"] ?? ResolveRef(await DocumentAsync(), body)["properties"])!.AsObject();
        Assert.Equal(["name", "server", "status", "last_exec", "periodicity"], properties.Select(p => p.Key));
        Assert.NotNull(create["responses"]!["201"]!["content"]!["application/json"]);
        Assert.NotNull(create["responses"]!["400"]!["content"]!["application/problem+json"]);
    }

    [Fact]
    public async Task The_document_declares_both_ways_to_send_a_key_so_try_it_can_send_one()
    {
        var document = await DocumentAsync();

        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("http", (string?)schemes["Bearer"]!["type"]);
        Assert.Equal("bearer", (string?)schemes["Bearer"]!["scheme"]);
        Assert.Equal("apiKey", (string?)schemes["ApiKey"]!["type"]);
        Assert.Equal("header", (string?)schemes["ApiKey"]!["in"]);
        Assert.Equal("X-Api-Key", (string?)schemes["ApiKey"]!["name"]);
        var requirements = document["security"]!.AsArray().Select(r => r!.AsObject().Single().Key).ToList();
        Assert.Equal(["Bearer", "ApiKey"], requirements); // either one
    }

    [Fact]
    public async Task Each_operation_is_titled_with_what_it_does_not_with_a_note_for_developers()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();

        var summaries = paths.SelectMany(p => p.Value!.AsObject().Select(o => (Operation: $"{o.Key} {p.Key}", Summary: (string?)o.Value!["summary"]))).ToList();
        Assert.All(summaries, s => Assert.False(string.IsNullOrWhiteSpace(s.Summary), $"{s.Operation} has no title"));
        Assert.All(summaries, s => Assert.True(s.Summary!.Length <= 110, $"{s.Operation}'s title is a paragraph: {s.Summary}"));
        Assert.Equal("The run ended with this exit code: 0 is success, 1-255 failure.",
            (string?)paths["/api/v2/ping/{name}/{exitCode}"]!["post"]!["summary"]);
    }

    [Fact]
    public async Task The_reference_page_is_served()
    {
        var page = await Client.GetStringAsync("/api/docs/");
        Assert.Contains("<title>Scripto API</title>", page);
        Assert.Contains("openapi/v1.json", page);
        (await Client.GetAsync("/api/docs/scalar.js")).EnsureSuccessStatusCode();
    }

    // Route templates carry constraints ({id:long}); the document names the parameter only.
    private static string DocPath(string template) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(template.TrimStart('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}");

    private static JsonNode ResolveRef(JsonObject document, JsonNode schema)
    {
        var reference = ((string)schema["$ref"]!).Split('/').Last();
        return document["components"]!["schemas"]![reference]!;
    }
}
