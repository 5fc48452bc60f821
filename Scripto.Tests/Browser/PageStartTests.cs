using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>
/// From a page's HTML to live: scripto.js starts Blazor itself, giving it the circuit's JS initializers (none) so that it
/// does not ask the server for them first, a round trip before every live page.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class PageStartTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task The_dashboard_goes_live_without_asking_for_initializers_and_follows_a_report()
    {
        var asked = new List<string>();
        var errors = new List<string>();
        Page.Request += (_, request) => asked.Add(new Uri(request.Url).AbsolutePath);
        Page.PageError += (_, error) => errors.Add(error);
        Page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };

        await Page.GotoAsync(App.ServerAddress.ToString());
        await WaitForLiveAsync();
        await Api.SendRawAsync("POST", "/api/v2/ping/after-start.sh?server=db-1", null, null);

        await Expect(Page.Locator(".scripto-name", new() { HasTextString = "after-start.sh" })).ToBeVisibleAsync();
        Assert.DoesNotContain("/_blazor/initializers", asked);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task There_are_no_circuit_initializers_for_the_page_to_skip()
    {
        // A library that ships one (a *.lib.module.js) would make this fail: scripto.js would then start Blazor without
        // running it. Give it to Blazor.start there, or let blazor.web.js ask again.
        Assert.Equal("[]", await Api.GetStringAsync("/_blazor/initializers"));
    }
}
