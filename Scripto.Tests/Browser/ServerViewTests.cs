using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>The server view in Chromium against the real app: it follows reports without a reload, and a server opens its scripts.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ServerViewTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    private ILocator Server(string name) => Page.Locator($"tr[data-server='{name}']");

    [Fact]
    public async Task A_failure_reported_over_http_moves_its_server_to_the_top_and_a_click_opens_its_scripts()
    {
        await Api.SendRawAsync("POST", "/api/v2/ping/backup.sh?server=db-1&schedule=daily", null, null);
        await Api.SendRawAsync("POST", "/api/v2/ping/rotate.sh?server=web-1&schedule=daily", null, null);
        await Api.SendRawAsync("POST", "/api/v2/ping/renew.sh?server=web-1&schedule=daily", null, null);
        await Page.GotoAsync(new Uri(App.ServerAddress, "/servers").ToString());
        await Expect(Page.Locator(".scripto-server-name").First).ToHaveTextAsync("db-1");
        await WaitForLiveAsync();

        await Api.SendRawAsync("POST", "/api/v2/ping/renew.sh/fail?server=web-1", null, null);

        await Expect(Page.Locator(".scripto-server-name").First).ToHaveTextAsync("web-1", new() { Timeout = 2_000 });
        await Expect(Server("web-1").Locator("[data-count=failing]")).ToHaveTextAsync("1");
        await Expect(Server("web-1").Locator(".scripto-dot").First).ToHaveAttributeAsync("data-status", "failed");
        await Expect(Page).ToHaveTitleAsync("(1) Servers · Scripto");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "servers.png"), FullPage = true });

        await Page.Locator(".scripto-server-name").First.ClickAsync();
        await Expect(Page.Locator(".scripto-table .scripto-name")).ToHaveCountAsync(2);
        await Expect(Page.Locator(".scripto-server-filter")).ToContainTextAsync("server: web-1");
    }
}
