using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>The Keys page, as an admin on the server's own machine sees it from Tokyo.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class KeysPageTests : BrowserTest
{
    public KeysPageTests(ChromiumFixture chromium) : base(chromium) => TimezoneId = "Asia/Tokyo";

    [Fact]
    public async Task Keys_show_when_they_were_made_in_the_viewers_time_zone_like_the_rest_of_the_app()
    {
        await Page.GotoAsync(new Uri(App.ServerAddress, "/keys").ToString());
        await WaitForLiveAsync();

        await Page.Locator(".scripto-key-name input").FillAsync("backup host");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        // The app's clock reads 2017-08-02 14:16:25 UTC: 23:16:25 in Tokyo, with the UTC time in the tooltip.
        var created = Page.Locator("tr.scripto-key-live", new() { HasText = "backup host" }).Locator(".scripto-key-created span");
        await Expect(created).ToHaveTextAsync("Today at 23:16:25");
        await Expect(created).ToHaveAttributeAsync("title", "2017-08-02 14:16:25 UTC");

        await Page.Locator("tr", new() { HasText = "backup host" }).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(Page.Locator(".mud-dialog .scripto-confirm-do")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-filled-error"));
        await Page.Locator(".mud-dialog .scripto-confirm-do").ClickAsync();
        await Expect(Page.Locator("tr.scripto-key-revoked", new() { HasText = "backup host" })).ToContainTextAsync("revoked Today at 23:16:25");
    }

    [Fact]
    public async Task A_report_key_limited_to_some_servers_is_listed_with_its_limits_and_refused_elsewhere()
    {
        await Page.GotoAsync(new Uri(App.ServerAddress, "/keys").ToString());
        await WaitForLiveAsync();

        await Page.Locator(".scripto-key-name input").FillAsync("database hosts");
        await Page.Locator(".scripto-key-servers input").FillAsync("db-*, backup-1");
        await Page.Locator(".scripto-key-names input").FillAsync("nightly*");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var secret = await Page.Locator(".scripto-secret").InnerTextAsync();

        await Expect(Page.Locator("tr.scripto-key-live", new() { HasText = "database hosts" }).Locator(".scripto-key-limits"))
            .ToHaveTextAsync("servers db-*, backup-1; names nightly*");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "keys-limited.png"), FullPage = true });

        Api.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await Api.PostAsync("/api/v2/ping/nightly-dump?server=db-3", null)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await Api.PostAsync("/api/v2/ping/nightly-dump?server=web-1", null)).StatusCode);
    }

    [Fact]
    public async Task A_report_key_limited_to_a_tag_is_listed_with_it_and_writes_only_to_scripts_carrying_it()
    {
        await Page.GotoAsync(new Uri(App.ServerAddress, "/keys").ToString());
        await WaitForLiveAsync();

        await Page.Locator(".scripto-key-name input").FillAsync("db jobs");
        await Page.Locator(".scripto-key-tags input").FillAsync("db");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var secret = await Page.Locator(".scripto-secret").InnerTextAsync();

        await Expect(Page.Locator("tr.scripto-key-live", new() { HasText = "db jobs" }).Locator(".scripto-key-limits")).ToHaveTextAsync("tags db");
        Api.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await Api.PostAsync("/api/v2/ping/vacuum?server=db-3&tags=db", null)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await Api.PostAsync("/api/v2/ping/deploy?server=web-1", null)).StatusCode);
    }
}
