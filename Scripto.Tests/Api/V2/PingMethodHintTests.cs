using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V2;

/// <summary>A ping sent as GET is told to POST the very URL it used, on the host it reached.</summary>
public sealed class PingMethodHintTests : ApiTest
{
    [Fact]
    public async Task A_get_is_answered_with_the_same_url_to_post()
    {
        var response = await Client.GetAsync("/api/v2/ping/backup.sh?server=db-1");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var detail = (string?)(await response.JsonAsync())["detail"];
        Assert.Equal("Send the ping with POST: curl -fsS -X POST \"http://localhost/api/v2/ping/backup.sh?server=db-1\".", detail);
    }
}
