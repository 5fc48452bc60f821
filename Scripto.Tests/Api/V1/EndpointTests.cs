using System.Net;
using Scripto.Core;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V1;

/// <summary>Every row of the contract's endpoint table, answered as it says and stored in SQLite.</summary>
public class EndpointTests : ApiTest
{

    [Fact]
    public async Task Post_trims_the_name_and_stores_every_field()
    {
        var response = await Client.SendRawAsync("POST", "/api/v1/script",
            """{"name": "  backup.sh ", "server": "db-1", "status": true, "last_exec": "2017-08-01T23:00:00+02:00", "periodicity": "Daily"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("backup.sh", (string?)body["name"]);
        Assert.Equal("2017-08-01T21:00:00", (string?)body["last_exec"]);
        Assert.Equal("daily", (string?)body["periodicity"]);
        var stored = DatabaseContents.Scalar(App.ConnectionString, $"SELECT name || '|' || server || '|' || (CASE WHEN status THEN 1 ELSE 0 END) || '|' || schedule_kind || '|' || period_seconds FROM scripts WHERE id = {body["id"]}");
        Assert.Equal("backup.sh|db-1|1|Period|86400", stored);
    }

    [Fact]
    public async Task Post_with_only_a_name_is_never_reported()
    {
        var response = await Client.SendRawAsync("POST", "/api/v1/script", """{"name": "fresh.sh"}""");

        var body = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(body["status"]);
        Assert.Null(body["last_exec"]);
        Assert.Null(body["periodicity"]);
        Assert.Equal("", (string?)body["server"]);
    }

    [Fact]
    public async Task Get_answers_the_resource_with_every_field()
    {
        var id = await Client.CreateScriptAsync(new { name = "a.sh", server = "s", status = 1, last_exec = "2017-08-02T10:00:00", periodicity = "weekly" });

        var response = await Client.GetAsync($"/api/v1/script/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            $$"""{"id":{{id}},"last_exec":"2017-08-02T10:00:00","name":"a.sh","periodicity":"weekly","server":"s","status":true}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Put_and_patch_change_only_the_fields_present(string method)
    {
        var id = await Client.CreateScriptAsync(new { name = "a.sh", server = "s", status = 1, last_exec = "2017-08-02T10:00:00", periodicity = "weekly" });

        var response = await Client.SendRawAsync(method, $"/api/v1/script/{id}", """{"server": "t"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("t", (string?)body["server"]);
        Assert.Equal("a.sh", (string?)body["name"]);
        Assert.True((bool)body["status"]!);
        Assert.Equal("2017-08-02T10:00:00", (string?)body["last_exec"]);
        Assert.Equal("weekly", (string?)body["periodicity"]);
    }

    [Fact]
    public async Task Put_without_periodicity_keeps_the_stored_one()
    {
        var id = await Client.CreateScriptAsync(new { name = "nightly.sh", periodicity = "monthly" });

        // The original's shell clients PUT name, server, status and last_exec, never periodicity.
        await Client.SendRawAsync("PUT", $"/api/v1/script/{id}", """{"last_exec":"CURRENT_TIMESTAMP", "name": "nightly.sh", "server": "h", "status": 1}""");

        var body = await (await Client.GetAsync($"/api/v1/script/{id}")).JsonAsync();
        Assert.Equal("monthly", (string?)body["periodicity"]);
    }

    [Fact]
    public async Task Put_with_null_periodicity_removes_the_schedule()
    {
        var id = await Client.CreateScriptAsync(new { name = "n.sh", periodicity = "hourly" });

        var body = await (await Client.SendRawAsync("PUT", $"/api/v1/script/{id}", """{"periodicity": null}""")).JsonAsync();

        Assert.Null(body["periodicity"]);
    }

    [Fact]
    public async Task Put_with_the_id_of_the_url_in_the_body_is_accepted()
    {
        var id = await Client.CreateScriptAsync(new { name = "n.sh" });

        var response = await Client.SendRawAsync("PUT", $"/api/v1/script/{id}", $$"""{"id": {{id}}, "status": true}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Delete_answers_204_with_an_empty_body_and_the_row_is_gone()
    {
        var id = await Client.CreateScriptAsync(new { name = "old.sh" });

        var response = await Client.DeleteAsync($"/api/v1/script/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0L, DatabaseContents.Scalar(App.ConnectionString, $"SELECT count(*) FROM scripts WHERE id = {id}"));
    }
}

public sealed class EndpointTestsOnPostgres : EndpointTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
