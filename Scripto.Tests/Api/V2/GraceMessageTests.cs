using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V2;

/// <summary>A refused grace says what is accepted, whether it is no interval at all or one out of range.</summary>
public sealed class GraceMessageTests : ApiTest
{
    [Theory]
    [InlineData("monthly")]
    [InlineData("fortnight")]
    [InlineData("30s")]
    public async Task A_refused_grace_names_the_range_and_the_form_it_takes(string grace)
    {
        var response = await Client.PostAsync($"/api/v2/ping/backup.sh?schedule=daily&grace={grace}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (string)(await response.JsonAsync())["errors"]!["grace"]![0]!;
        Assert.Contains("between 1 minute and 7 days", message);
        Assert.Contains("such as 20m", message);
        Assert.DoesNotContain("monthly", message);
    }
}
