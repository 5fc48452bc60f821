using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>
/// Journeys in a real Chromium: a script goes late by itself on the dashboard; from the dashboard to a script's page,
/// edited in the viewer's time zone, and deleted. What the page shows and does without a browser (each run, each
/// status change, live updates, pause, the delete dialog, who sees the buttons) is in Components/ScriptPageTests.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ScriptPageTests : BrowserTest
{
    public ScriptPageTests(ChromiumFixture chromium) : base(chromium) => TimezoneId = "America/New_York";

    private Task<HttpResponseMessage> Ping(string path, string? output = null) =>
        Api.SendRawAsync("POST", "/api/v2/ping/" + path, output, output is null ? null : "text/plain");

    private ILocator Chip(string name) =>
        Page.Locator("tr").Filter(new() { Has = Page.Locator(".scripto-name", new() { HasTextString = name }) }).Locator(".scripto-status");

    [Fact]
    public async Task A_script_goes_late_then_down_on_its_own_while_thePage_watches()
    {
        await Ping("hourly-sync.sh?server=app-1&schedule=hourly");
        await Page.GotoAsync(App.ServerAddress.ToString());
        await Expect(Chip("hourly-sync.sh")).ToHaveTextAsync("OK");
        await WaitForLiveAsync();

        App.Clock.Advance(TimeSpan.FromMinutes(60)); // no report arrives: only time passes
        await Expect(Chip("hourly-sync.sh")).ToHaveTextAsync("Late", new() { Timeout = 3_000 });
        await Expect(Page.Locator("[data-counter=late] .scripto-counter-value")).ToHaveTextAsync("1");

        App.Clock.Advance(TimeSpan.FromMinutes(6)); // the default grace of an hourly script
        await Expect(Chip("hourly-sync.sh")).ToHaveTextAsync("Down", new() { Timeout = 3_000 });
        await Expect(Page).ToHaveTitleAsync("(1) Scripto");
    }

    [Fact]
    public async Task The_scriptPage_shows_history_and_changes_live_and_edits_through_the_write_path()
    {
        await Ping("pg_dump.sh/start?server=db-1&schedule=daily");
        App.Clock.Advance(TimeSpan.FromSeconds(84));
        await Ping("pg_dump.sh/0?server=db-1", "dumping 42 tables\ndone in 84 s\n");
        App.Clock.Advance(TimeSpan.FromHours(24));
        await Ping("pg_dump.sh/start?server=db-1");
        App.Clock.Advance(TimeSpan.FromSeconds(131));
        var id = (long)(await (await Ping("pg_dump.sh/0?server=db-1")).JsonAsync())["id"]!;

        await Page.GotoAsync(App.ServerAddress.ToString());
        await WaitForLiveAsync(); // the rows are prerendered: a click before the circuit is up is lost to its start
        // Live, the page may still rewrite its rows once (the viewer's time zone, a refresh after the prerender): a click
        // landing on a row as it is replaced is lost, and a person clicks again. Under the full suite's load that window
        // is long enough to be hit (once in two runs).
        var name = Page.Locator(".scripto-name", new() { HasTextString = "pg_dump.sh" });
        for (var attempt = 1; ; attempt++)
        {
            await name.ClickAsync();
            try
            {
                await Expect(Page).ToHaveURLAsync(new Regex($"/scripts/{id}$"));
                break;
            }
            catch (PlaywrightException) when (attempt < 3 && !Page.Url.Contains("/scripts/")) { }
        }
        await WaitForLiveAsync();
        await Expect(Page.Locator(".scripto-runs tbody tr")).ToHaveCountAsync(4);

        // A failure reported over HTTP reaches the open page by itself, over the circuit.
        await Ping("pg_dump.sh/3?server=db-1", "pg_dump: error: connection refused\n");
        await Expect(Page.Locator(".scripto-runs tbody tr")).ToHaveCountAsync(5, new() { Timeout = 2_000 });
        await Expect(Page.Locator(".scripto-status").First).ToHaveTextAsync("Failed");

        // The schedule: a cron job in Paris, shown in Paris and in the viewer's New York time.
        await Page.Locator(".scripto-kind").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Cron" }).ClickAsync();
        await Page.Locator(".scripto-cron input").FillAsync("30 2 * * *");
        await Page.Locator(".scripto-tz input").FillAsync("Europe/Paris");
        await Page.Locator(".scripto-grace input").FillAsync("20m");
        await Page.Locator(".scripto-save").ClickAsync();
        await Expect(Page.Locator(".scripto-schedule-current")).ToContainTextAsync("cron 30 2 * * * (Europe/Paris), grace 20m", new() { Timeout = 15_000 }); // a loaded machine
        await Expect(Page.Locator(".scripto-next-due li").First).ToContainTextAsync("02:30 (Europe/Paris)");
        await Expect(Page.Locator(".scripto-next-due li").First).ToContainTextAsync("(your time, America/New_York)");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "script-page.png"), FullPage = true });

        // A nonsense cron is refused where it was typed, and nothing changes.
        await Page.Locator(".scripto-cron input").FillAsync("every night");
        await Page.Locator(".scripto-save").ClickAsync();
        await Expect(Page.Locator(".scripto-error")).ToContainTextAsync("cron");
        await Expect(Page.Locator(".scripto-schedule-current")).ToContainTextAsync("cron 30 2 * * * (Europe/Paris)");

        // Delete, confirmed, goes back to the dashboard, where the script is gone.
        await Page.Locator(".scripto-delete").ClickAsync();
        await Page.Locator(".mud-dialog button", new() { HasTextString = "Delete" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/$"));
        await Expect(Page.Locator(".scripto-empty")).ToBeVisibleAsync();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Api.GetAsync($"/api/v1/script/{id}")).StatusCode);
    }
}
