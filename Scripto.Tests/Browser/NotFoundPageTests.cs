using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>
/// A script page for an id that holds no script, in Chromium: opened from a bookmark (404, and still saying so once the
/// page is live) and reached from a live page (the live render shows the same page).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class NotFoundPageTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_bookmark_to_a_script_that_is_gone_is_404_and_says_so_once_live_with_the_way_back()
    {
        var answer = await Page.GotoAsync(new Uri(App.ServerAddress, "/scripts/999").ToString());

        Assert.Equal(404, answer!.Status);
        await Expect(Page.Locator(".scripto-not-found")).ToContainTextAsync("There is no script 999");
        await WaitForLiveAsync(); // the live render has replaced the prerendered one
        await Expect(Page.Locator(".scripto-not-found")).ToContainTextAsync("There is no script 999");
        await Expect(Page).ToHaveTitleAsync("Not found · Scripto");

        await Page.Locator("a", new() { HasTextString = "All scripts" }).ClickAsync();
        await Expect(Page.Locator("text=No script has reported yet")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_live_page_moving_to_a_script_that_is_gone_shows_the_not_found_page()
    {
        await Api.SendRawAsync("POST", "/api/v2/ping/backup.sh", null);
        await Page.GotoAsync(App.ServerAddress.ToString());
        await WaitForLiveAsync();

        await Page.EvaluateAsync("() => Blazor.navigateTo('/scripts/999')");

        await Expect(Page.Locator(".scripto-not-found")).ToContainTextAsync("There is no script 999");
        await Expect(Page).ToHaveTitleAsync("Not found · Scripto");
    }
}
