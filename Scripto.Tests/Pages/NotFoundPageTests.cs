using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Pages;

/// <summary>
/// A page for something that is not there answers 404 (a link checker, a monitor of the monitor, a browser's history
/// all see it) and says what is missing, with the way back.
/// </summary>
public sealed class NotFoundPageTests : ApiTest
{
    [Fact]
    public async Task A_script_page_for_an_id_that_holds_no_script_is_404_naming_the_id_with_a_link_to_the_dashboard()
    {
        using var answer = await Client.GetAsync("/scripts/999");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        Assert.Contains("There is no script 999", html);
        Assert.Contains("<title>Not found · Scripto</title>", html);
        Assert.Matches("<a [^>]*href=\"/\"[^>]*>← All scripts</a>", html);
    }

    [Fact]
    public async Task A_script_that_exists_is_200_with_its_page()
    {
        var id = (long)(await (await Client.SendRawAsync("POST", "/api/v2/ping/backup.sh", null)).JsonAsync())["id"]!;

        using var answer = await Client.GetAsync($"/scripts/{id}");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        Assert.Contains("<title>backup.sh · Scripto</title>", html);
        Assert.DoesNotContain("There is no script", html);
    }
}
