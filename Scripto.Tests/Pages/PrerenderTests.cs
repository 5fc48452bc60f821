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

    [Theory]
    [InlineData("Asia/Tokyo", "Today at 23:16:25")]
    [InlineData("Etc/GMT+5", "Today at 09:16:25")]
    [InlineData("UTC", "Today at 14:16:25")]
    [InlineData("Mars/Olympus", "Today at 14:16:25")] // unknown: UTC, as with no cookie
    [InlineData("../../../etc/passwd", "Today at 14:16:25")] // not a zone name: not looked up
    [InlineData("Europe/Paris/../../../../etc/localtime", "Today at 14:16:25")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Today at 14:16:25")]
    [InlineData("", "Today at 14:16:25")]
    public async Task The_first_page_served_shows_times_in_the_zone_the_browser_left_in_its_cookie_else_in_utc(string zone, string shown)
    {
        await Client.CreateScriptAsync(new { name = "backup.sh", status = 1, last_exec = "CURRENT_TIMESTAMP" }); // 2017-08-02 14:16:25 UTC
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"scripto-tz={zone}"); // as scripto.js writes it

        using var answer = await Client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        Assert.Contains($"<span class=\"scripto-calendar mud-text-secondary\">{shown}</span>", html);
        Assert.Contains("title=\"2017-08-02 14:16:25 UTC\"", html);
    }
}
