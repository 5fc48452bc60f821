using System.Net;
using System.Net.Http.Json;
using Scripto.Core;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V1;

/// <summary>The original README's requests, sent as written, answered as it shows (with our ids and clock).</summary>
public class OriginalReadmeTests : ApiTest
{

    [Fact]
    public async Task Curl_post_creates_the_script_and_answers_201_with_its_location()
    {
        // curl -i -H "Content-Type: application/json" -XPOST http://localhost:5000/api/v1/script -d '{"last_exec":"CURRENT_TIMESTAMP", ...}'
        var response = await Client.SendRawAsync("POST", "/api/v1/script",
            """{"last_exec":"CURRENT_TIMESTAMP", "name": "test_curl.sh", "server": "myserver.local", "status": 0}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.JsonAsync();
        var id = (long)body["id"]!;
        Assert.Equal($"http://localhost/api/v1/script/{id}", response.Headers.Location!.ToString());
        Assert.Equal("2017-08-02T14:16:25", (string?)body["last_exec"]);
        Assert.Equal("test_curl.sh", (string?)body["name"]);
        Assert.Equal("myserver.local", (string?)body["server"]);
        Assert.False((bool)body["status"]!);
    }

    [Fact]
    public async Task Curl_put_updates_the_script_with_the_new_time_and_status()
    {
        var id = await Client.CreateScriptAsync(new { last_exec = "CURRENT_TIMESTAMP", name = "test_curl.sh", server = "myserver.local", status = 0 });
        App.Clock.Advance(TimeSpan.FromMinutes(54).Add(TimeSpan.FromSeconds(20)));

        var response = await Client.SendRawAsync("PUT", $"/api/v1/script/{id}",
            """{"last_exec":"CURRENT_TIMESTAMP", "name": "test_curl.sh", "server": "myserver.local", "status": 1}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(id, (long)body["id"]!);
        Assert.Equal("2017-08-02T15:10:45", (string?)body["last_exec"]);
        Assert.True((bool)body["status"]!);
        var stored = await (await Client.GetAsync($"/api/v1/script/{id}")).JsonAsync();
        Assert.Equal(body.ToJsonString(), stored.ToJsonString());
    }

    [Fact]
    public async Task Curl_delete_with_a_content_type_and_no_body_answers_204_and_removes_it()
    {
        var id = await Client.CreateScriptAsync(new { name = "test_curl.sh" });
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/script/{id}");
        request.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/v1/script/{id}")).StatusCode);
    }

    [Fact]
    public async Task Python_requests_example_put_with_json_is_answered_200()
    {
        var id = await Client.CreateScriptAsync(new { name = "/opt/jobs/report.py" });

        // requests.put(scripto_url, json=data): Content-Type application/json, status a JSON boolean.
        var response = await Client.PutAsJsonAsync($"/api/v1/script/{id}",
            new Dictionary<string, object> { ["last_exec"] = "CURRENT_TIMESTAMP", ["name"] = "/opt/jobs/report.py", ["server"] = "node-7", ["status"] = false });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.False((bool)body["status"]!);
        Assert.Equal("node-7", (string?)body["server"]);
    }
}

public sealed class OriginalReadmeTestsOnPostgres : OriginalReadmeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
