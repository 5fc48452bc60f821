using System.Net;
using Microsoft.Extensions.Logging;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api;

/// <summary>Limits:MaxScripts: a runaway loop of first pings with new names stops at the limit, said plainly.</summary>
public sealed class ScriptLimitTests : IAsyncLifetime
{
    private readonly ScriptoFactory _app = new() { Settings = { ["Limits:MaxScripts"] = "10" } };
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task At_the_limit_a_new_script_is_refused_with_403_and_existing_ones_still_report()
    {
        for (var i = 0; i < 9; i++)
            Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync($"/api/v2/ping/job-{i}?server=db-1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _client.SendRawAsync("POST", "/api/v1/script", """{"name": "tenth.sh"}""")).StatusCode);

        var ping = await _client.PostAsync("/api/v2/ping/eleventh?server=db-1", null);
        var v1 = await _client.SendRawAsync("POST", "/api/v1/script", """{"name": "eleventh.sh"}""");

        Assert.Equal(HttpStatusCode.Forbidden, ping.StatusCode);
        Assert.Contains("Limits:MaxScripts", (string?)(await ping.JsonAsync())["detail"]);
        Assert.Equal(HttpStatusCode.Forbidden, v1.StatusCode);
        Assert.Equal(10L, DatabaseContents.Scalar(_app.ConnectionString, "SELECT count(*) FROM scripts"));
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/api/v2/ping/job-1?server=db-1", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync("/api/v1/script/1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync("/api/v2/ping/eleventh?server=db-1", null)).StatusCode);
    }

    [Fact]
    public async Task At_90_percent_of_the_limit_the_log_warns_once()
    {
        for (var i = 0; i < 10; i++)
            await _client.PostAsync($"/api/v2/ping/job-{i}?server=db-1", null);

        var warning = Assert.Single(_app.Logs.Entries, e => e.Message.Contains("Limits:MaxScripts"));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("There are 9 scripts, 90 % of Limits:MaxScripts (10)", warning.Message);
    }
}
