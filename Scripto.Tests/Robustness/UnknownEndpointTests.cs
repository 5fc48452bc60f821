using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Robustness;

/// <summary>
/// A URL under /api/ that no endpoint serves is answered with a problem that says so, not a bare status. Every request
/// here is refused, so one app serves the whole class.
/// </summary>
public sealed class UnknownEndpointTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private ScriptoFactory App => shared.App;
    private HttpClient Client => shared.Client;

    [Fact]
    public async Task A_ping_without_a_name_is_told_where_the_name_goes()
    {
        foreach (var path in new[] { "/api/v2/ping", "/api/v2/ping/", "/api/v2/ping//start", "/api/v2/ping/backups/db/nightly" })
        {
            var response = await Client.SendRawAsync("POST", path, null);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.JsonAsync();
            Assert.Contains("%2F", (string?)problem["detail"]);
            Assert.NotNull(problem["errors"]?["name"]);
        }
    }

    [Fact]
    public async Task A_method_the_url_does_not_take_is_405_with_the_methods_it_takes()
    {
        var response = await Client.SendRawAsync("PUT", "/api/v1/script", """{"status": 1}""");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Order());
        Assert.Contains("PUT", (string?)(await response.JsonAsync())["detail"]);
    }

    [Fact]
    public async Task A_mistyped_url_is_404_naming_it_even_for_a_write()
    {
        var response = await Client.SendRawAsync("POST", "/api/v1/scripts", """{"name": "x.sh"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No endpoint answers POST /api/v1/scripts.", (string?)(await response.JsonAsync())["detail"]);
        Assert.Equal(0L, (long)DatabaseContents.Scalar(App.ConnectionString, "SELECT count(*) FROM scripts")!);
    }

    [Fact]
    public async Task An_exit_code_that_is_not_one_says_what_an_exit_code_is()
    {
        var response = await Client.SendRawAsync("POST", "/api/v2/ping/backup/99999999999", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]?["exit_code"]);
    }
}
