using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>
/// The dashboard is served without MudBlazor's script (its layout runs none of it), which scripto.js loads once the page
/// is live; every other page's layout calls it on its first render. Whatever the timing, a page reached from the
/// dashboard, or opened directly, finds the script run: its popovers and dialogs work and nothing throws.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class MudBlazorScriptTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    private const string MudBlazorScript = "**/mudblazor/MudBlazor.min.*.js";
    private readonly List<string> _errors = [];
    private readonly List<string> _documents = [];
    private long _script;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Page.PageError += (_, error) => _errors.Add(error);
        Page.Console += (_, message) =>
        {
            // A script load the test refused is reported as such; anything else is the page's.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource")) _errors.Add(message.Text);
        };
        Page.Request += (_, request) => { if (request.ResourceType == "document") _documents.Add(new Uri(request.Url).AbsolutePath); };
        _script = await Api.CreateScriptAsync(new { name = "backup.sh", status = 1, last_exec = "CURRENT_TIMESTAMP" });
    }

    [Fact]
    public async Task The_dashboard_is_served_without_MudBlazors_script_and_runs_it_once_live_while_other_pages_are_served_with_it()
    {
        var dashboard = await Page.GotoAsync(App.ServerAddress.ToString());
        Assert.DoesNotContain("<script src=\"mudblazor/MudBlazor.min.", await dashboard!.TextAsync());
        await WaitForLiveAsync();
        await Page.WaitForFunctionAsync("() => window.mudPopover !== undefined");

        foreach (var path in new[] { "/keys", "/notifications", "/servers", "/maintenance", $"/scripts/{_script}" })
            Assert.Contains("<script src=\"mudblazor/MudBlazor.min.", await Api.GetStringAsync(path));
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task Pages_reached_from_the_dashboard_while_its_script_still_loads_wait_for_it_and_their_popovers_and_dialogs_work()
    {
        // MudBlazor's script takes two seconds to arrive: each move below starts before it has run.
        await Page.RouteAsync(MudBlazorScript, async route =>
        {
            await Task.Delay(2_000);
            await route.ContinueAsync();
        });
        await Page.GotoAsync(App.ServerAddress.ToString());
        await WaitForLiveAsync();
        Assert.False(await Page.EvaluateAsync<bool>("() => window.mudPopover !== undefined"));

        await Page.Locator(".scripto-keys-link").ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("API keys");
        // The move waited for the script: the page was never there without it (a popover opened then would throw).
        Assert.True(await Page.EvaluateAsync<bool>("() => window.mudPopover !== undefined"));
        await WaitForLiveAsync();
        await CreateAndRevokeAKeyAsync();

        await Page.GoBackAsync(); // the browser's back button, in the same circuit
        await Expect(Page.Locator(".scripto-name", new() { HasTextString = "backup.sh" })).ToBeVisibleAsync();
        await Page.Locator(".scripto-notifications-link").ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Notifications");
        await PickAChannelKindAsync();

        await Page.GoBackAsync();
        await Page.Locator(".scripto-name", new() { HasTextString = "backup.sh" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/scripts/\\d+$"));
        await UseTheScriptPageAsync();

        // One page load: every move was made within the dashboard's circuit.
        Assert.Equal(["/"], _documents);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task A_move_from_the_dashboard_when_the_script_will_not_load_loads_the_page_anew_with_it()
    {
        // Every try on the dashboard (once live, then before the move) fails; the page loaded anew gets the script.
        var refused = new TaskCompletionSource();
        await Page.RouteAsync(MudBlazorScript, async route =>
        {
            if (_documents.Count > 1) await route.ContinueAsync();
            else
            {
                await route.AbortAsync();
                refused.TrySetResult();
            }
        });
        await Page.GotoAsync(App.ServerAddress.ToString());
        await WaitForLiveAsync();
        await refused.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await Page.Locator(".scripto-keys-link").ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("API keys");
        await WaitForLiveAsync();
        await CreateAndRevokeAKeyAsync();

        Assert.Equal(["/", "/keys"], _documents);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task A_link_followed_before_the_dashboard_is_live_loads_its_page_with_the_script()
    {
        // The dashboard's circuit is slow to start: the link is followed while the page is still the one served.
        var delayed = 0;
        await Page.RouteAsync(new Regex("/_blazor/negotiate"), async route =>
        {
            if (Interlocked.Increment(ref delayed) == 1) await Task.Delay(3_000);
            await route.ContinueAsync();
        });
        await Page.GotoAsync(App.ServerAddress.ToString(), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(0, await Page.Locator("[data-live]").CountAsync());
        await Page.Locator(".scripto-keys-link").ClickAsync();

        await Expect(Page.Locator("h1")).ToHaveTextAsync("API keys");
        await WaitForLiveAsync();
        await CreateAndRevokeAKeyAsync();
        Assert.Equal(["/", "/keys"], _documents);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task Each_page_opened_directly_has_the_script_for_its_popovers_and_dialogs()
    {
        await Page.GotoAsync(new Uri(App.ServerAddress, "/keys").ToString());
        await WaitForLiveAsync();
        await CreateAndRevokeAKeyAsync();

        await Page.GotoAsync(new Uri(App.ServerAddress, "/notifications").ToString());
        await WaitForLiveAsync();
        await PickAChannelKindAsync();

        await Page.GotoAsync(new Uri(App.ServerAddress, $"/scripts/{_script}").ToString());
        await WaitForLiveAsync();
        await UseTheScriptPageAsync();
        Assert.Empty(_errors);
    }

    // A MudBlazor dialog (the confirmation), on the Keys page.
    private async Task CreateAndRevokeAKeyAsync()
    {
        await Page.Locator(".scripto-key-name input").FillAsync("backup host");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Page.Locator("tr", new() { HasText = "backup host" }).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Page.Locator(".mud-dialog .scripto-confirm-do").ClickAsync();
        await Expect(Page.Locator("tr.scripto-key-revoked", new() { HasText = "backup host" })).ToBeVisibleAsync();
    }

    // A MudBlazor select (its list is a popover), on the Notifications page.
    private async Task PickAChannelKindAsync()
    {
        await WaitForLiveAsync();
        await Page.Locator(".scripto-new-channel").ClickAsync();
        await Page.Locator(".scripto-channel-kind").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Discord" }).ClickAsync();
        await Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Expect(Page.Locator(".scripto-channel-kind input")).ToHaveValueAsync(new Regex("Discord", RegexOptions.IgnoreCase));
        await Page.Locator(".scripto-channel-cancel").ClickAsync();
    }

    // A select's popover and the delete dialog, on a script's page; the delete leads back to the dashboard.
    private async Task UseTheScriptPageAsync()
    {
        await WaitForLiveAsync();
        await Page.Locator(".scripto-kind").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Cron" }).ClickAsync();
        await Expect(Page.Locator(".scripto-cron input")).ToBeVisibleAsync();
        await Page.Locator(".scripto-delete").ClickAsync();
        await Page.Locator(".mud-dialog button", new() { HasTextString = "Delete" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/$"));
        await Expect(Page.Locator(".scripto-empty")).ToBeVisibleAsync();
    }
}
