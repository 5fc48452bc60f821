using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Robustness;

/// <summary>
/// Whatever a reporter sends is shown as text, in a real Chromium: a name, a server and an output full of markup
/// read literally on the dashboard and the script's page, and none of it runs or becomes an element.
/// Each payload, if it ever ran, would set window.__xss or open a dialog.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class InertMarkupTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    private const string Name = """<img src=x onerror="window.__xss='name';alert(1)"> &lt;b&gt; {{7*7}}""";
    private const string Server = """<script>window.__xss='server'</script><b id="xss">""";
    private const string Output = "<b id=\"xss\">bold?</b>\n<svg onload=\"window.__xss='output'\"></svg>\n" +
        "<iframe srcdoc=\"<script>parent.__xss='iframe'</script>\"></iframe>\n<a href=\"javascript:window.__xss='link'\">click</a>";

    private readonly List<string> _dialogs = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Page.Dialog += (_, dialog) => { _dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
    }

    [Fact]
    public async Task Markup_in_a_name_server_and_output_shows_as_text_on_the_dashboard_and_the_script_page()
    {
        var ping = await Api.SendRawAsync("POST", $"/api/v2/ping/{Uri.EscapeDataString(Name)}/3?server={Uri.EscapeDataString(Server)}", Output, "text/plain");
        var id = (long)(await ping.JsonAsync())["id"]!;

        await Page.GotoAsync(App.ServerAddress.ToString());
        await Expect(Page.Locator(".scripto-name")).ToHaveTextAsync(Name);
        await Expect(Page.GetByText(Server, new() { Exact = true })).ToBeVisibleAsync();
        await WaitForLiveAsync();
        await AssertNothingRanAsync();

        await Page.Locator(".scripto-name").ClickAsync();
        await Expect(Page.Locator(".scripto-script-name")).ToHaveTextAsync(Name);
        await Expect(Page).ToHaveTitleAsync($"{Name} · Scripto");
        await Expect(Page.GetByText($"on {Server}", new() { Exact = true })).ToBeVisibleAsync();
        await WaitForLiveAsync();
        var output = Page.Locator($".scripto-runs tr[data-run-id] .scripto-output");
        await Expect(output.Locator(".scripto-output-open")).ToHaveTextAsync("<b id=\"xss\">bold?</b>");
        await output.Locator(".scripto-output-open").ClickAsync();
        var whole = Page.Locator(".scripto-run-dialog pre.scripto-run-output");
        await Expect(whole).ToBeVisibleAsync();
        Assert.Equal(Output, await whole.TextContentAsync());
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "inert-markup.png"), FullPage = true });
        await AssertNothingRanAsync();
        Assert.EndsWith($"/scripts/{id}", Page.Url);
    }

    [Fact]
    public async Task Markup_in_the_search_of_the_url_stays_in_the_search_box()
    {
        const string search = "\"><img src=x onerror=\"window.__xss='search'\">";
        await Api.SendRawAsync("POST", "/api/v2/ping/backup.sh", null);

        await Page.GotoAsync(new Uri(App.ServerAddress, "/?q=" + Uri.EscapeDataString(search)).ToString());

        await Expect(Page.Locator(".scripto-search input")).ToHaveValueAsync(search);
        await WaitForLiveAsync();
        await AssertNothingRanAsync();
    }

    /// <summary>Waits for every image to load or fail (an injected onerror would have fired), then looks.</summary>
    private async Task AssertNothingRanAsync()
    {
        var found = await Page.EvaluateAsync<string>("""
            async () => {
                await Promise.all([...document.images].filter(i => !i.complete).map(i => new Promise(done => {
                    i.addEventListener('load', done); i.addEventListener('error', done);
                })));
                await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
                const injected = document.querySelectorAll('img[src="x"], svg[onload], iframe, #xss, [onerror], a[href^="javascript:"]');
                const scripts = [...document.scripts].filter(s => s.textContent.includes('__xss'));
                return `ran: ${window.__xss ?? 'nothing'}, elements: ${injected.length}, scripts: ${scripts.length}`;
            }
            """);
        Assert.Equal("ran: nothing, elements: 0, scripts: 0", found);
        Assert.Empty(_dialogs);
    }
}
