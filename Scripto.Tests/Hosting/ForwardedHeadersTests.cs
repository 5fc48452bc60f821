using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Hosting;

/// <summary>
/// Behind a proxy, a run records the reporter's address and the API answers with the public URL; but only a proxy
/// Scripto trusts (loopback, or one configured) may say so.
/// </summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private const string Client = "203.0.113.7";
    private const string OtherMachine = "198.51.100.20";

    private const string ReportKey = "forwarded-report-key-0123456789";

    private readonly ScriptoFactory _app = new(TempDatabase.NewPath(), kestrel: true)
    {
        // The client is another machine: it reports with a key, as it must.
        Settings =
        {
            ["Security:ApiKeys:0:Key"] = ReportKey, ["Security:ApiKeys:0:Scopes"] = "report",
            ["Scripto:PublicUrl"] = "https://scripto.example.com", // the name the proxy serves
        },
    };

    [Fact]
    public async Task A_proxy_on_loopback_passes_on_the_client_address_and_the_public_url()
    {
        using var http = new HttpClient { BaseAddress = _app.ServerAddress }; // a real socket from 127.0.0.1

        var ping = await http.SendAsync(Forwarded("POST", "/api/v2/ping/backup.sh"));
        var v1 = await http.SendAsync(Forwarded("POST", "/api/v1/script", """{"name": "rotate.sh"}"""));

        var id = (long)(await ping.JsonAsync())["id"]!;
        Assert.Equal($"https://scripto.example.com/scripts/{id}", (string?)(await ping.JsonAsync())["url"]);
        Assert.Equal($"https://scripto.example.com/scripts/{id}", ping.Headers.Location!.ToString());
        Assert.StartsWith("https://scripto.example.com/api/v1/script/", v1.Headers.Location!.ToString());
        Assert.Equal(Client, RecordedAddress());
    }

    [Fact]
    public async Task Behind_a_tls_proxy_answers_carry_hsts_and_the_antiforgery_cookie_is_secure()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _app.ServerAddress };
        using var request = Forwarded("GET", "/login");
        request.Headers.Authorization = null;

        var page = await http.SendAsync(request);

        Assert.StartsWith("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_from_another_machine_are_ignored()
    {
        using var http = ClientFrom(_app.WithWebHostBuilder(_ => { }), OtherMachine);

        var ping = await http.SendAsync(Forwarded("POST", "/api/v2/ping/backup.sh"));

        Assert.StartsWith("http://localhost/scripts/", (string?)(await ping.JsonAsync())["url"]);
        Assert.Equal(OtherMachine, RecordedAddress());
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies", OtherMachine)]
    [InlineData("ForwardedHeaders:KnownProxies:0", OtherMachine)]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/8, 198.51.100.0/24")]
    public async Task A_proxy_listed_in_the_settings_is_trusted(string setting, string value)
    {
        using var http = ClientFrom(_app.WithWebHostBuilder(b => b.UseSetting(setting, value)), OtherMachine);

        var ping = await http.SendAsync(Forwarded("POST", "/api/v2/ping/backup.sh"));

        Assert.StartsWith("https://scripto.example.com/scripts/", (string?)(await ping.JsonAsync())["url"]);
        Assert.Equal(Client, RecordedAddress());
    }

    /// <summary>What nginx adds to a request from the client at 203.0.113.7 to https://scripto.example.com.</summary>
    private static HttpRequestMessage Forwarded(string method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        request.Headers.Add("X-Forwarded-For", Client);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "scripto.example.com");
        request.Headers.Authorization = new("Bearer", ReportKey);
        return request;
    }

    /// <summary>The in-memory server, as if the request came from <paramref name="address"/>.</summary>
    private static HttpClient ClientFrom(WebApplicationFactory<Program> app, string address) =>
        new(app.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address)))
        {
            BaseAddress = new Uri("http://localhost"),
        };

    private string? RecordedAddress() =>
        (string?)DatabaseContents.Scalar(_app.ConnectionString, "SELECT remote_address FROM runs ORDER BY id DESC LIMIT 1");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
