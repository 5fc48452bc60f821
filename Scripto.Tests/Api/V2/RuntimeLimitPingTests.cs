using System.Net;
using Scripto.Core;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V2;

/// <summary>max_runtime= and min_runtime= on a v2 ping: set, shown, cleared with off, refused by name.</summary>
public class RuntimeLimitPingTests : ApiTest
{
    private Task<HttpResponseMessage> Ping(string path) => Client.SendRawAsync("POST", "/api/v2/ping/" + path, null, null);

    [Fact]
    public async Task The_limits_are_set_shown_and_cleared_with_off()
    {
        var set = await (await Ping("backup.sh?server=db-1&max_runtime=30m&min_runtime=10s")).JsonAsync();
        Assert.Equal((1800L, 10L), ((long?)set["max_runtime_seconds"], (long?)set["min_runtime_seconds"]));

        var kept = await (await Ping("backup.sh?server=db-1")).JsonAsync();
        Assert.Equal(1800L, (long?)kept["max_runtime_seconds"]);

        var cleared = await (await Ping("backup.sh?server=db-1&max_runtime=off")).JsonAsync();
        Assert.Null((long?)cleared["max_runtime_seconds"]);
        Assert.Equal(10L, (long?)cleared["min_runtime_seconds"]);
    }

    [Theory]
    [InlineData("max_runtime=soon", "max_runtime")]
    [InlineData("max_runtime=30d", "max_runtime")]
    [InlineData("min_runtime=1h&max_runtime=30m", "min_runtime")]
    public async Task A_bad_limit_is_refused_naming_it_and_nothing_is_written(string query, string field)
    {
        var before = DatabaseContents.Checksum(App.ConnectionString);

        var response = await Ping($"backup.sh?server=db-1&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync())["errors"]![field] is not null, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
    }
}

public sealed class RuntimeLimitPingTestsOnPostgres : RuntimeLimitPingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
