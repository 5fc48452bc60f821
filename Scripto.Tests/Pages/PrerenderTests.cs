using Scripto.Tests.Shared;

namespace Scripto.Tests.Pages;

/// <summary>The page as first served, before its live connection is up (what a slow link shows for a moment).</summary>
public sealed class PrerenderTests : ApiTest
{
    [Fact]
    public async Task The_first_page_served_already_holds_the_rows_and_never_says_nothing_matches()
    {
        await Client.CreateScriptAsync(new { name = "backup.sh", status = 0 });

        var html = System.Net.WebUtility.HtmlDecode(await Client.GetStringAsync("/"));

        Assert.Contains(">backup.sh</a>", html);
        Assert.DoesNotContain("No script matches.", html);
        Assert.Contains("<title>(1) Scripto</title>", html);
    }

    [Fact]
    public async Task With_nothing_reported_the_first_page_already_shows_how_to_report()
    {
        var html = await Client.GetStringAsync("/");

        Assert.Contains("No script has reported yet", html);
        Assert.Contains("http://localhost/api/v2/ping/backup.sh?server=$(hostname)", html);
    }
}
