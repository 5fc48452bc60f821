using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>A window opened on the Maintenance page turns the late scripts it covers blue on the dashboard.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class MaintenancePageTests : BrowserTest
{
    public MaintenancePageTests(ChromiumFixture chromium) : base(chromium) => TimezoneId = "Europe/Paris";

    private ILocator Row(string name) => Page.Locator("table.scripto-table tbody tr", new() { HasText = name });

    [Fact]
    public async Task A_window_created_on_the_page_shows_its_late_script_as_maintenance_on_the_dashboard()
    {
        await Api.PostAsync("/api/v2/ping/pg-backup?server=db-1&schedule=hourly", null);
        await Api.PostAsync("/api/v2/ping/rotate-logs?server=web-1&schedule=hourly", null);
        App.Clock.Advance(TimeSpan.FromMinutes(61)); // both due an hour after their report: late

        await Page.GotoAsync(new Uri(App.ServerAddress, "/maintenance").ToString());
        await WaitForLiveAsync();
        await Page.Locator(".scripto-window-servers input").FillAsync("db-1");
        await Page.Locator(".scripto-window-for input").FillAsync("2h");
        await Page.Locator(".scripto-window-reason input").FillAsync("PostgreSQL 17 upgrade");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open window" }).ClickAsync();

        var window = Page.Locator("tr[data-state=active]", new() { HasText = "PostgreSQL 17 upgrade" });
        await Expect(window.Locator(".scripto-window-scope")).ToHaveTextAsync("servers db-1");
        // 15:17:25 UTC + 2 h is 19:17:25 in Paris (CEST in August).
        await Expect(window.Locator(".scripto-window-when")).ToContainTextAsync("19:17:25");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "maintenance-page.png"), FullPage = true });

        // The page as first served again, before its circuit (with the browser's cookies, its zone among them): the
        // window's end already in Paris time, so nothing jumps from UTC once the page is live.
        var served = await Page.APIRequest.GetAsync(new Uri(App.ServerAddress, "/maintenance").ToString());
        var html = System.Net.WebUtility.HtmlDecode(await served.TextAsync());
        Assert.Contains("19:17:25", html);
        Assert.DoesNotContain("Today at 15:17:25", html); // its start (now) in UTC

        await Expect(Page.Locator(".scripto-maintenance-link")).ToBeVisibleAsync(); // in the top bar
        await Page.GotoAsync(App.ServerAddress.ToString());
        await WaitForLiveAsync();
        await Expect(Row("pg-backup").Locator(".scripto-status")).ToHaveTextAsync("Maintenance");
        await Expect(Row("pg-backup").Locator(".scripto-status")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-chip-color-info"));
        await Expect(Row("rotate-logs").Locator(".scripto-status")).ToHaveTextAsync("Late");
        await Expect(Page.Locator("[data-counter=maintenance] .scripto-counter-value")).ToHaveTextAsync("1");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "maintenance-dashboard.png"), FullPage = true });

        await Page.Locator("[data-counter=maintenance]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=maintenance"));
        await Expect(Page.Locator("table.scripto-table tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_window_with_a_mistake_is_refused_on_the_page_naming_the_field()
    {
        await Page.GotoAsync(new Uri(App.ServerAddress, "/maintenance").ToString());
        await WaitForLiveAsync();
        await Page.Locator(".scripto-window-for input").FillAsync("2h"); // no scope

        await Page.GetByRole(AriaRole.Button, new() { Name = "Open window" }).ClickAsync();

        await Expect(Page.Locator(".scripto-window-error [data-field=servers]")).ToContainTextAsync("needs a scope");
        await Expect(Page.Locator("tr[data-window]")).ToHaveCountAsync(0);
    }
}
