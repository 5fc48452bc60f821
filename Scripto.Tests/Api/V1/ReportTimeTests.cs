using Scripto.Core;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V1;

/// <summary>status as 0/1, and last_exec's special strings resolved against the server's (injected) clock.</summary>
public class ReportTimeTests : ApiTest
{
    private long _id;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _id = await Client.CreateScriptAsync(new { name = "t.sh" });
        App.Clock.SetUtcNow(new DateTimeOffset(2024, 3, 31, 1, 59, 58, TimeSpan.Zero));
    }

    private async Task<System.Text.Json.Nodes.JsonObject> Put(string body) =>
        await (await Client.SendRawAsync("PUT", $"/api/v1/script/{_id}", body)).JsonAsync();

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task Status_is_answered_as_a_boolean(string sent, bool answered)
    {
        var body = await Put($$"""{"status": {{sent}}}""");

        Assert.Equal(answered, (bool)body["status"]!);
    }

    [Theory]
    [InlineData("CURRENT_TIMESTAMP", "2024-03-31T01:59:58")]
    [InlineData("LOCALTIMESTAMP", "2024-03-31T01:59:58")]
    [InlineData("current_timestamp", "2024-03-31T01:59:58")]
    [InlineData("CURRENT_DATE", "2024-03-31T00:00:00")]
    [InlineData("2017-08-02T14:16:25", "2017-08-02T14:16:25")]
    [InlineData("2017-08-02T14:16:25.987", "2017-08-02T14:16:25")]
    [InlineData("2017-08-02T14:16:25Z", "2017-08-02T14:16:25")]
    [InlineData("2017-08-02T16:16:25+02:00", "2017-08-02T14:16:25")]
    [InlineData("2017-08-02T09:16:25-05:00", "2017-08-02T14:16:25")]
    [InlineData("2017-08-02", "2017-08-02T00:00:00")]
    [InlineData("2017-08-02 14:16:25", "2017-08-02T14:16:25")]
    public async Task Last_exec_accepts_the_contracts_forms(string sent, string answered)
    {
        var body = await Put($$"""{"last_exec": "{{sent}}"}""");

        Assert.Equal(answered, (string?)body["last_exec"]);
    }

    [Fact]
    public async Task A_status_without_a_time_ran_now()
    {
        var body = await Put("""{"status": 1}""");

        Assert.Equal("2024-03-31T01:59:58", (string?)body["last_exec"]);
    }

    [Fact]
    public async Task A_change_of_name_alone_does_not_touch_the_time()
    {
        var body = await Put("""{"name": "renamed.sh"}""");

        Assert.Null(body["last_exec"]);
    }

    [Fact]
    public async Task Created_and_reported_times_are_stored_in_one_format_so_they_sort_together()
    {
        var created = await Client.CreateScriptAsync(new { name = "c.sh", last_exec = "2017-08-02T14:16:25.5" });
        await Put("""{"last_exec": "2017-08-02T14:16:25"}""");

        var sql = "SELECT last_exec FROM scripts WHERE last_exec IS NOT NULL ORDER BY last_exec";
        Assert.Equal("2017-08-02 14:16:25|2017-08-02 14:16:25.5", string.Join("|", DatabaseContents.Column(App.ConnectionString, sql)));
        Assert.True(created > _id);
    }
}

public sealed class ReportTimeTestsOnPostgres : ReportTimeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
