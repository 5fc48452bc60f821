using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>
/// The dashboard as someone in Tokyo sees it: its first paint already in their time zone (from the second page on), and
/// the rows never written again once the page is live (a click landing on a row as it is replaced is lost).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ViewerZoneTests : BrowserTest
{
    public ViewerZoneTests(ChromiumFixture chromium) : base(chromium) => TimezoneId = "Asia/Tokyo";

    // Counts the rows the page inserts after a render batch that found it live ([data-live]); the batch that marks it
    // live is not counted (its rows are the circuit's first view). A batch is applied in one task: one callback. Also
    // counts the rows ever inserted (by the parser or by Blazor) that show the last run in UTC.
    private const string RowInsertionsAfterLive = """
        window.scriptoRowsAfterLive = 0;
        window.scriptoRowsInUtc = 0;
        let live = false;
        new MutationObserver(records => {
            let rows = [];
            for (const record of records)
                for (const node of record.addedNodes)
                    if (node.nodeType === 1) rows.push(...(node.matches("tbody tr") ? [node] : node.querySelectorAll("tbody tr")));
            if (live) window.scriptoRowsAfterLive += rows.length;
            window.scriptoRowsInUtc += rows.filter(row => row.textContent.includes("Today at 14:16:25")).length;
            live = live || document.querySelector("[data-live]") !== null;
        }).observe(document, { childList: true, subtree: true });
        """;

    [Fact]
    public async Task The_first_page_shows_the_viewers_times_before_it_is_live_and_the_live_page_never_rewrites_its_rows()
    {
        await Api.CreateScriptAsync(new { name = "backup.sh", status = 1, last_exec = "CURRENT_TIMESTAMP" });
        await Page.AddInitScriptAsync(RowInsertionsAfterLive);
        var lastRun = Page.Locator("tr", new() { HasText = "backup.sh" }).Locator(".scripto-calendar").First;

        // A first visit: the server does not know the zone yet, so the page served is in UTC; the live page asks the
        // browser and shows the rows in Tokyo's time before it says it is live, not after.
        var first = await Page.GotoAsync(App.ServerAddress.ToString());
        Assert.Contains("Today at 14:16:25", await first!.TextAsync()); // the app's clock: 2017-08-02 14:16:25 UTC
        await WaitForLiveAsync();
        await Expect(lastRun).ToHaveTextAsync("Today at 23:16:25");
        await Page.WaitForTimeoutAsync(500);
        Assert.Equal(0, await Page.EvaluateAsync<int>("window.scriptoRowsAfterLive"));

        // From then on the browser's zone travels in a cookie: the page served, before any script runs, is in Tokyo's time.
        var again = await Page.GotoAsync(App.ServerAddress.ToString());
        var served = System.Net.WebUtility.HtmlDecode(await again!.TextAsync());
        Assert.Contains("Today at 23:16:25", served);
        Assert.DoesNotContain("Today at 14:16:25", served);
        Assert.Contains("title=\"2017-08-02 14:16:25 UTC\"", served); // the exact UTC still in the tooltip
        await WaitForLiveAsync();
        await Expect(lastRun).ToHaveTextAsync("Today at 23:16:25");
        await Page.WaitForTimeoutAsync(1_000); // nothing reports: a rewrite after live would be the zone's
        Assert.Equal(0, await Page.EvaluateAsync<int>("window.scriptoRowsAfterLive"));
        // The live page was handed the zone by the page served: its first view (the circuit rebuilds the page) is in
        // Tokyo's time too, never UTC for a moment.
        Assert.Equal(0, await Page.EvaluateAsync<int>("window.scriptoRowsInUtc"));
        Assert.Equal("Asia/Tokyo", (await Page.Context.CookiesAsync()).Single(c => c.Name == "scripto-tz").Value);
    }

    [Fact]
    public async Task A_stale_cookie_from_another_zone_is_corrected_once_the_page_is_live_without_a_reload()
    {
        // A wall screen's browser in Tokyo whose cookie says UTC (its profile came from another machine, or the viewer
        // travelled): the page served is in UTC, as the cookie says; once live, the page asks the browser and moves to
        // Tokyo's time by itself, and the cookie follows.
        await Api.CreateScriptAsync(new { name = "backup.sh", status = 1, last_exec = "CURRENT_TIMESTAMP" });
        await Page.Context.AddCookiesAsync([new() { Name = "scripto-tz", Value = "UTC", Url = App.ServerAddress.ToString() }]);
        var lastRun = Page.Locator("tr", new() { HasText = "backup.sh" }).Locator(".scripto-calendar").First;

        var served = await Page.GotoAsync(App.ServerAddress.ToString());
        Assert.Contains("Today at 14:16:25", await served!.TextAsync());
        await WaitForLiveAsync();
        await Expect(lastRun).ToHaveTextAsync("Today at 23:16:25");
        Assert.Equal("Asia/Tokyo", (await Page.Context.CookiesAsync()).Single(c => c.Name == "scripto-tz").Value);

        // The script's page, reached by a click in the same circuit, is in Tokyo's time too.
        await Page.Locator("tr", new() { HasText = "backup.sh" }).GetByRole(AriaRole.Link, new() { Name = "backup.sh" }).ClickAsync();
        await Expect(Page.Locator("body")).ToContainTextAsync("23:16:25");
    }

    [Fact]
    public async Task A_report_after_the_page_is_live_still_rewrites_its_row()
    {
        // The counter above is not blind: a report after live replaces its row.
        var id = await Api.CreateScriptAsync(new { name = "backup.sh", status = 1, last_exec = "CURRENT_TIMESTAMP" });
        await Page.AddInitScriptAsync(RowInsertionsAfterLive);
        await Page.GotoAsync(App.ServerAddress.ToString());
        await WaitForLiveAsync();

        await Api.SendRawAsync("PUT", $"/api/v1/script/{id}", """{"status": 0}""");
        await Expect(Page.Locator("tr", new() { HasText = "backup.sh" }).Locator(".scripto-status")).ToHaveTextAsync("Failed");
        Assert.True(await Page.EvaluateAsync<int>("window.scriptoRowsAfterLive") > 0);
    }
}
