using System.Net;
using Scripto.Core;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V2;

/// <summary>heartbeat=1 on a v2 ping marks the script as its server's heartbeat: set, shown, kept, cleared with 0, refused otherwise.</summary>
public class HeartbeatPingTests : ApiTest
{
    private Task<HttpResponseMessage> Ping(string path) => Client.SendRawAsync("POST", "/api/v2/ping/" + path, null, null);

    [Fact]
    public async Task Heartbeat_is_set_shown_kept_and_cleared_with_0()
    {
        Assert.True((bool?)(await (await Ping("alive?server=db-1&heartbeat=1&schedule=5m")).JsonAsync())["heartbeat"]);
        Assert.True((bool?)(await (await Ping("alive?server=db-1")).JsonAsync())["heartbeat"]);
        Assert.False((bool?)(await (await Ping("alive?server=db-1&heartbeat=0")).JsonAsync())["heartbeat"]);
        Assert.False((bool?)(await (await Ping("other?server=db-1")).JsonAsync())["heartbeat"]);
    }

    [Fact]
    public async Task Another_value_is_refused_naming_heartbeat_and_nothing_is_written()
    {
        var before = DatabaseContents.Checksum(App.ConnectionString);

        var response = await Ping("alive?server=db-1&heartbeat=yes");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["heartbeat"]);
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
    }
}

public sealed class HeartbeatPingTestsOnPostgres : HeartbeatPingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
