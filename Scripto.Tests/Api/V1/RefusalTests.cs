using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V1;

public sealed class RefusalFixture : IAsyncLifetime
{
    public ScriptoFactory App { get; } = new();
    public HttpClient Client { get; private set; } = null!;
    public long Id { get; private set; }

    public async Task InitializeAsync()
    {
        Client = App.CreateClient();
        Id = await Client.CreateScriptAsync(new { name = "kept.sh", server = "s", status = 1, last_exec = "2017-08-02T10:00:00", periodicity = "daily" });
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Every refusal of the contract's error table: the status it gives, a problem naming the field, nothing written.</summary>
public sealed class RefusalTests(RefusalFixture fixture) : IClassFixture<RefusalFixture>
{
    private const string Json = "application/json";

    public static TheoryData<string, string, string?, string?, int, string> Refusals => new()
    {
        // method, path ({id} = an existing script), content type, body, status, text the detail must hold
        { "GET", "/api/v1/script/999999", null, null, 404, "999999" },
        { "PUT", "/api/v1/script/999999", Json, """{"status": 1}""", 404, "999999" },
        { "PATCH", "/api/v1/script/999999", Json, """{"status": 1}""", 404, "999999" },
        { "DELETE", "/api/v1/script/999999", null, null, 404, "999999" },
        { "POST", "/api/v1/script", Json, """{"name": "x.sh",""", 400, "JSON" },
        { "POST", "/api/v1/script", Json, "", 400, "JSON" },
        { "POST", "/api/v1/script", Json, """["name"]""", 400, "object" },
        { "PUT", "/api/v1/script/{id}", Json, "42", 400, "object" },
        { "PUT", "/api/v1/script/{id}", Json, "not json at all", 400, "JSON" },
        { "POST", "/api/v1/script", null, """{"name": "x.sh"}""", 415, "Content-Type" },
        { "POST", "/api/v1/script", "text/plain", """{"name": "x.sh"}""", 415, "Content-Type" },
        { "PUT", "/api/v1/script/{id}", "application/x-www-form-urlencoded", """{"status": 0}""", 415, "Content-Type" },
        { "POST", "/api/v1/script", Json, """{"name": 5}""", 400, "name" },
        { "POST", "/api/v1/script", Json, """{"name": "x.sh", "server": ["a"]}""", 400, "server" },
        { "PUT", "/api/v1/script/{id}", Json, """{"status": 2}""", 400, "status" },
        { "PUT", "/api/v1/script/{id}", Json, """{"status": -1}""", 400, "status" },
        { "PUT", "/api/v1/script/{id}", Json, """{"status": "true"}""", 400, "status" },
        { "PUT", "/api/v1/script/{id}", Json, """{"status": 1.5}""", 400, "status" },
        { "PUT", "/api/v1/script/{id}", Json, """{"periodicity": "yearly"}""", 400, "periodicity" },
        { "PUT", "/api/v1/script/{id}", Json, """{"periodicity": 1}""", 400, "periodicity" },
        { "PUT", "/api/v1/script/{id}", Json, """{"last_exec": "yesterday"}""", 400, "last_exec" },
        { "PUT", "/api/v1/script/{id}", Json, """{"last_exec": "2017-13-45T99:00:00"}""", 400, "last_exec" },
        { "PUT", "/api/v1/script/{id}", Json, """{"last_exec": 1501683385}""", 400, "last_exec" },
        { "PUT", "/api/v1/script/{id}", Json, """{"last_exec": "9999-12-31T23:59:59"}""", 400, "last_exec" },
        { "PUT", "/api/v1/script/{id}", Json, """{"last_exec": "9999-12-30"}""", 400, "last_exec" },
        { "PUT", "/api/v1/script/{id}", Json, """{"last_exec": "0001-01-01"}""", 400, "last_exec" },
        { "PUT", "/api/v1/script/{id}", Json, """{"status": 1, "last_exec": "2017-08-04T14:16:25"}""", 400, "last_exec" },
        { "PUT", "/api/v1/script/{id}", Json, """{"stauts": 1}""", 400, "stauts" },
        { "POST", "/api/v1/script", Json, """{"name": "x.sh", "periodicty": "daily"}""", 400, "periodicty" },
        { "POST", "/api/v1/script", Json, """{"server": "s", "status": 1}""", 400, "name" },
        { "POST", "/api/v1/script", Json, """{"name": ""}""", 400, "name" },
        { "POST", "/api/v1/script", Json, """{"name": "   "}""", 400, "name" },
        { "POST", "/api/v1/script", Json, """{"name": null}""", 400, "name" },
        { "PUT", "/api/v1/script/{id}", Json, """{"name": ""}""", 400, "name" },
        { "POST", "/api/v1/script", Json, $$"""{"name": "{{new string('n', 256)}}"}""", 400, "name" },
        { "POST", "/api/v1/script", Json, $$"""{"name": "x.sh", "server": "{{new string('s', 256)}}"}""", 400, "server" },
        { "POST", "/api/v1/script", Json, """{"name": "x\u0000.sh"}""", 400, "name" },
        { "POST", "/api/v1/script", Json, $$"""{"name": "x.sh", "server": "{{new string('s', 70_000)}}"}""", 413, "64 KiB" },
        { "PUT", "/api/v1/script/{id}", Json, $$"""{"status": 1, "pad": "{{new string(' ', 66_000)}}"}""", 413, "64 KiB" },
        { "PUT", "/api/v1/script/{id}", Json, """{"id": 123456, "status": 0}""", 400, "id" },
        { "PUT", "/api/v1/script/{id}", Json, """{"id": "abc", "status": 0}""", 400, "id" },
        { "POST", "/api/v1/script", Json, """{"id": 7, "name": "x.sh"}""", 400, "id" },
        { "PUT", "/api/v1/script/{id}", Json, """{"status": 0, "status": 1}""", 400, "status" },
        { "GET", "/api/v1/script?page=0", null, null, 400, "page" },
        { "GET", "/api/v1/script?page=abc", null, null, 400, "page" },
        { "GET", "/api/v1/script?results_per_page=1001", null, null, 400, "results_per_page" },
        { "GET", "/api/v1/script?results_per_page=-5", null, null, 400, "results_per_page" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused_requests_get_a_problem_naming_the_cause_and_change_nothing(
        string method, string path, string? contentType, string? body, int status, string named)
    {
        var before = DatabaseContents.Checksum(fixture.App.ConnectionString);

        var response = await fixture.Client.SendRawAsync(method, path.Replace("{id}", fixture.Id.ToString()), body, contentType);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(status, (int)problem["status"]!);
        Assert.Contains(named, (string?)problem["detail"]);
        Assert.Equal(before, DatabaseContents.Checksum(fixture.App.ConnectionString));
    }

    [Fact]
    public async Task A_refused_report_leaves_the_script_answering_as_before()
    {
        var before = await (await fixture.Client.GetAsync($"/api/v1/script/{fixture.Id}")).Content.ReadAsStringAsync();

        var refused = await fixture.Client.SendRawAsync("PUT", $"/api/v1/script/{fixture.Id}", """{"status": 0, "periodicity": "sometimes"}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, await (await fixture.Client.GetAsync($"/api/v1/script/{fixture.Id}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_wrong_field_is_named_in_one_answer()
    {
        var response = await fixture.Client.SendRawAsync("PUT", $"/api/v1/script/{fixture.Id}", """{"stauts": 1, "periodicity": "yearly"}""");

        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(["periodicity", "stauts"], errors.Select(e => e.Key).Order());
    }
}
