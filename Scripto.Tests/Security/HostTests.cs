using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Security;

/// <summary>
/// DNS rebinding: a page on a name the attacker controls, pointed at this machine, makes the visitor's browser send
/// requests with that name in Host. Scripto answers only for its own names.
/// </summary>
public sealed class HostTests : IAsyncLifetime
{
    private readonly ScriptoFactory _app = new(TempDatabase.NewPath(), kestrel: true);
    private HttpClient _http = null!;
    private long _id;

    public async Task InitializeAsync()
    {
        _http = new HttpClient { BaseAddress = _app.ServerAddress };
        _id = await _http.CreateScriptAsync(new { name = "backup.sh" });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_delete_sent_with_a_rebound_host_name_is_refused_and_deletes_nothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/script/{_id}");
        request.Headers.Host = $"rebind.attacker.example:{_app.ServerAddress.Port}";

        var answer = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("rebind.attacker.example", (string?)(await answer.JsonAsync())["detail"]);
        Assert.Equal(1L, DatabaseContents.Scalar(_app.ConnectionString, "SELECT count(*) FROM Scripts"));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("scripto.example")] // Scripto:PublicUrl
    public async Task Its_own_names_and_addresses_are_answered(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/script");
        request.Headers.Host = $"{host}:{_app.ServerAddress.Port}";

        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("cross-site", "https://evil.example")]
    [InlineData("same-site", "http://localhost:1")]
    [InlineData(null, "https://evil.example")]
    [InlineData(null, "null")]
    public async Task A_write_a_browser_sends_for_another_origin_is_refused_on_every_path(string? fetchSite, string origin)
    {
        foreach (var (method, path) in new[] { ("POST", "/api/v2/ping/backup.sh"), ("PUT", $"/api/v1/script/{_id}"), ("POST", "/api/v2/channels"), ("POST", "/logout") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") };
            request.Headers.Add("Origin", origin);
            if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);

            var answer = await _http.SendAsync(request);

            Assert.True(answer.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {answer.StatusCode}");
        }
        Assert.Equal(1L, DatabaseContents.Scalar(_app.ConnectionString, "SELECT count(*) FROM Scripts"));
    }

    [Fact]
    public async Task A_write_from_the_same_origin_or_from_a_script_is_accepted()
    {
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/v2/ping/nightly.sh");
        sameOrigin.Headers.Add("Origin", _app.ServerAddress.ToString().TrimEnd('/'));
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var noBrowser = new HttpRequestMessage(HttpMethod.Post, "/api/v2/ping/nightly.sh");

        Assert.Equal(HttpStatusCode.Created, (await _http.SendAsync(sameOrigin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(noBrowser)).StatusCode);
    }
}
