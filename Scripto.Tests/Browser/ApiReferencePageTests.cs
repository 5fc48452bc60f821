using Microsoft.Playwright;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Browser;

[Collection(ChromiumCollection.Name)]
public sealed class ApiReferencePageTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task The_API_reference_renders_both_APIs_in_the_browser()
    {
        await Page.GotoAsync(new Uri(App.ServerAddress, "/api/docs/").ToString());

        await Assertions.Expect(Page.GetByText("v2: report by name").First).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("v1: the original Scripto's API").First).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("The run succeeded.").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Metrics_count_the_dashboards_open_in_a_browser()
    {
        var metrics = await PrometheusScrape.GetAsync(Api);
        Assert.Equal(0, metrics["scripto_dashboards_open"]);

        await Page.GotoAsync(App.ServerAddress.ToString());
        await WaitForLiveAsync();
        Assert.Equal(1, (await PrometheusScrape.GetAsync(Api))["scripto_dashboards_open"]);

        await Page.CloseAsync(new() { RunBeforeUnload = true });
        await Eventually.TrueAsync(async () => (await PrometheusScrape.GetAsync(Api))["scripto_dashboards_open"] == 0, "the closed page is no longer counted");
    }
}
