using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Security;

/// <summary>Every endpoint and page, from another machine: no key, a wrong key, a key of the wrong scope, a revoked key, the right key.</summary>
public sealed class AuthMatrixTests : SecuredApp
{
    public sealed record Endpoint(string Method, string Path, string Scope, string? Body = null)
    {
        public bool IsPage => !Path.StartsWith("/api") && Path != "/metrics";
        public override string ToString() => $"{Method} {Path}";
    }

    // Paths use {id}: the script made in InitializeAsync; {channel} and {window}: the channel and maintenance window made there.
    public static readonly Endpoint[] Protected =
    [
        new("GET", "/api/v1/script", "read"),
        new("GET", "/api/v1/script/{id}", "read"),
        new("POST", "/api/v1/script", "report", """{"name": "new.sh", "status": 1}"""),
        new("PUT", "/api/v1/script/{id}", "report", """{"status": 1}"""),
        new("PATCH", "/api/v1/script/{id}", "report", """{"status": 0}"""),
        new("POST", "/api/v2/ping/backup.sh?server=db-1", "report"),
        new("POST", "/api/v2/ping/backup.sh/start?server=db-1", "report"),
        new("POST", "/api/v2/ping/backup.sh/fail?server=db-1", "report"),
        new("POST", "/api/v2/ping/backup.sh/3?server=db-1", "report"),
        new("GET", "/metrics", "read"),
        new("GET", "/", "read"),
        new("GET", "/scripts/{id}", "read"),
        new("GET", "/servers", "read"),
        new("GET", "/maintenance", "read"),
        new("GET", "/api/v2/maintenance", "read"),
        new("GET", "/api/v2/maintenance/{window}", "read"),
        new("POST", "/api/v2/maintenance?server=db-1&for=30m&reason=upgrade", "report"),
        new("DELETE", "/api/v2/maintenance/{window}", "report"),
        new("GET", "/keys", "admin"),
        new("GET", "/notifications", "admin"),
        new("GET", "/users", "admin"),
        new("GET", "/status-pages", "admin"),
        new("GET", "/api/v2/config", "admin"),
        new("POST", "/api/v2/config?dry_run=1", "admin", """{"scripts": []}"""),
        new("GET", "/api/v2/channels", "admin"),
        new("POST", "/api/v2/channels", "admin", """{"name": "chat", "kind": "slack", "url": "http://127.0.0.1:9/hook"}"""),
        new("GET", "/api/v2/channels/{channel}", "admin"),
        new("PUT", "/api/v2/channels/{channel}", "admin", """{"name": "ops", "kind": "slack", "url": "http://127.0.0.1:9/other"}"""),
        new("POST", "/api/v2/channels/{channel}/test", "admin"),
        new("GET", "/api/v2/channels/{channel}/attempts", "admin"),
        new("DELETE", "/api/v2/channels/{channel}", "admin"),
        new("DELETE", "/api/v1/script/{id}", "admin"), // last: it deletes the script
    ];

    /// <summary>Open to anyone by design: health for load balancers, the API's shape, and the ways in.</summary>
    public static readonly string[] Public = ["/healthz", "/openapi/v1.json", "/api/docs/", "/login", "/setup"];

    private static readonly string[] Scopes = ["report", "read", "admin"];

    private static string KeyOf(string scope) => scope switch { "report" => ReportKey, "read" => ReadKey, _ => AdminKey };

    private Task<HttpResponseMessage> SendAsync(HttpClient client, Endpoint endpoint) =>
        client.SendRawAsync(endpoint.Method, endpoint.Path.Replace("{id}", ScriptId.ToString()).Replace("{channel}", ChannelId.ToString()).Replace("{window}", WindowId.ToString()), endpoint.Body);

    private long ChannelId { get; set; }
    private long WindowId { get; set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var created = await App.CreateClient().SendRawAsync("POST", "/api/v2/channels", """{"name": "ops", "kind": "webhook", "url": "http://127.0.0.1:9/hook"}""");
        ChannelId = (long)(await created.JsonAsync())["id"]!;
        WindowId = (long)(await (await App.CreateClient().PostAsync("/api/v2/maintenance?server=db-1&for=1h", null)).JsonAsync())["id"]!;
    }

    [Fact]
    public async Task Without_the_right_key_every_endpoint_refuses_and_nothing_changes()
    {
        var before = DatabaseContents.Checksum(App.ConnectionString);
        var wrong = new List<string>();
        foreach (var endpoint in Protected)
        {
            var attempts = new List<(string Who, HttpClient Client, bool Denied)>
            {
                ("no key", Remote(null), false),
                ("a wrong key", Remote(WrongKey), false),
                ("a wrong key in X-Api-Key", Remote(WrongKey, "X-Api-Key"), false),
                ("a revoked key", Remote(RevokedKey), false),
            };
            // A key that is valid but lacks the scope: 403 for the API, "signed in without the right" for a page.
            foreach (var scope in Scopes.Where(s => s != endpoint.Scope && !(s == "admin")))
                attempts.Add(($"a {scope} key", Remote(KeyOf(scope)), true));

            foreach (var (who, client, denied) in attempts)
            {
                using var response = await SendAsync(client, endpoint);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.ToString() ?? "";
                var ok = endpoint.IsPage
                    ? status == 302 && location.StartsWith("/login?") && location.Contains("denied=1") == denied
                    : status == (denied ? 403 : 401) && response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                if (!ok) wrong.Add($"{endpoint} with {who}: {status} {location}");
            }
        }
        Assert.Empty(wrong);
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
    }

    [Fact]
    public async Task With_a_key_of_the_right_scope_every_endpoint_answers()
    {
        foreach (var endpoint in Protected)
        {
            // Admin includes the other scopes; a read key must not be able to write, and so on (above).
            foreach (var key in new[] { KeyOf(endpoint.Scope), AdminKey }.Distinct())
            {
                using var response = await SendAsync(Remote(key), endpoint);
                Assert.True(response.IsSuccessStatusCode, $"{endpoint} with a {endpoint.Scope} key: {(int)response.StatusCode}");
                if (endpoint.Method == "DELETE") break;
            }
        }
    }

    [Fact]
    public async Task A_key_works_in_either_header()
    {
        Assert.Equal(HttpStatusCode.OK, (await Remote(ReadKey, "X-Api-Key").GetAsync("/api/v1/script")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Remote(ReadKey).GetAsync("/api/v1/script")).StatusCode);
    }

    [Fact]
    public async Task The_public_endpoints_answer_anyone()
    {
        foreach (var path in Public)
            Assert.True((await Remote(null).GetAsync(path)).IsSuccessStatusCode, path);
    }

    [Fact]
    public void Every_endpoint_of_the_app_is_in_the_matrix_or_public_by_design()
    {
        // A page is one endpoint for GET and POST (its forms): the same authorisation covers both.
        var pages = Protected.Where(e => e.IsPage).Select(e => e.Path).Concat(["/login", "/setup"]);
        var known = Protected.Select(e => $"{e.Method} {e.Path.Split('?')[0].Replace("{id}", "1").Replace("{channel}", "1").Replace("{window}", "1")}")
            .Concat(Public.Select(p => $"GET {p}"))
            .Concat(pages.Select(p => $"POST {p.Replace("{id}", "1")}"))
            .Concat(["POST /logout", "GET /api/v2/ping/backup.sh", "GET /api/v2/ping/backup.sh/start"]) // the hint that pings are POST
            .Concat(["GET /status/acme"]) // public status pages, read-only by design: Sharing/StatusPageTests and PublicAddressesTests
            .Concat(["GET /not-found", "POST /not-found"]) // the Router's NotFoundPage: says only that nothing is at an address (Pages/NotFoundPageTests)
            .ToList();
        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Method: m, Template: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(r => !r.Template.StartsWith("/_") && !r.Template.StartsWith("/api/docs") && r.Method != "HEAD")
            .Where(r => !r.Template.Contains('.') || r.Template.StartsWith("/openapi")) // static files: the page's CSS and scripts
            .Distinct();
        // A route is covered when some request of the matrix lands on it.
        var uncovered = routes.Where(r => !known.Any(k => Matches(r, k))).Select(r => $"{r.Method} {r.Template}").ToList();
        Assert.Empty(uncovered);
    }

    private static bool Matches((string Method, string Template) route, string request)
    {
        var pattern = "^" + string.Join("/", route.Template.Split('/').Select(segment =>
            segment.StartsWith('{') ? "[^/]+" : System.Text.RegularExpressions.Regex.Escape(segment))) + "/?$";
        return request.StartsWith(route.Method + " ")
            && System.Text.RegularExpressions.Regex.IsMatch(request[(route.Method.Length + 1)..], pattern);
    }
}
