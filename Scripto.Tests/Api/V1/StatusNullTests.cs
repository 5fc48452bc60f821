using Microsoft.Extensions.DependencyInjection;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V1;

/// <summary>
/// v1's "status": null means "never reported" (docs/api-v1.md), as the original stored it: a PUT of null clears the
/// status, keeps the run history, and the timeline says why.
/// </summary>
public class StatusNullTests : ApiTest
{
    [Fact]
    public async Task A_put_of_a_null_status_clears_it_and_the_timeline_says_so()
    {
        var id = await Client.CreateScriptAsync(new { name = "backup.sh", status = 1 });

        var answer = await (await Client.SendRawAsync("PUT", $"/api/v1/script/{id}", """{"status": null}""")).JsonAsync();

        Assert.Null(answer["status"]);
        Assert.Equal("2017-08-02T14:16:25", (string?)answer["last_exec"]);
        var details = (await App.Services.GetRequiredService<ScriptQueries>().DetailsAsync(id))!;
        Assert.Equal(ScriptStatus.NeverReported, details.Status);
        Assert.Single(details.Runs);
        Assert.Equal((FlipState.New, "status cleared (v1 status null)"), (details.Flips[0].To, details.Flips[0].Reason));
    }
}
