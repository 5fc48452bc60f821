using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>The status pages form takes servers separated by commas, as every other form does, or one a line.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class StatusPageServersTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Servers_typed_with_commas_or_lines_are_each_a_server_of_the_page()
    {
        foreach (var server in new[] { "web-1", "app-2", "db-1" })
            Assert.True((await Api.PostAsync($"/api/v2/ping/job.sh?server={server}&schedule=daily", null)).IsSuccessStatusCode);

        await Page.GotoAsync(new Uri(App.ServerAddress, "/status-pages").ToString());
        await WaitForLiveAsync();
        await Page.Locator(".scripto-status-slug input").FillAsync("ops");
        await Page.Locator(".scripto-status-title input").FillAsync("Ops");
        await Page.Locator(".scripto-status-servers textarea").FillAsync("web-1, app-2\ndb-1");
        await Page.Locator(".scripto-save-status-page").ClickAsync();

        await Expect(Page.Locator("tr[data-slug='ops']")).ToContainTextAsync("server web-1, server app-2, server db-1");
        await Page.GotoAsync(new Uri(App.ServerAddress, "/status/ops").ToString());
        await Expect(Page.Locator(".target")).ToHaveCountAsync(3);
        Assert.DoesNotContain("Never reported", await Page.ContentAsync());
    }
}
