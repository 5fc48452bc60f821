using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>Time and history in a real Chromium: a script goes late by itself, and its page shows and edits it live.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ScriptPageTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly ScriptoFactory _app = new(TempDatabase.NewPath(), kestrel: true);
    private HttpClient _api = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _api = new HttpClient { BaseAddress = _app.ServerAddress };
        _page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 }, TimezoneId = "America/New_York" });
        _page.SetDefaultTimeout(10_000);
    }

    public async Task DisposeAsync()
    {
        await _page.CloseAsync();
        _api.Dispose();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> Ping(string path, string? output = null) =>
        _api.SendRawAsync("POST", "/api/v2/ping/" + path, output, output is null ? null : "text/plain");

    private ILocator Chip(string name) =>
        _page.Locator("tr").Filter(new() { Has = _page.Locator(".scripto-name", new() { HasTextString = name }) }).Locator(".scripto-status");

    [Fact]
    public async Task A_script_goes_late_then_down_on_its_own_while_the_page_watches()
    {
        await Ping("hourly-sync.sh?server=app-1&schedule=hourly");
        await _page.GotoAsync(_app.ServerAddress.ToString());
        await Expect(Chip("hourly-sync.sh")).ToHaveTextAsync("Success");
        await _page.WaitForSelectorAsync("[data-live]", new() { State = WaitForSelectorState.Attached });

        _app.Clock.Advance(TimeSpan.FromMinutes(60)); // no report arrives: only time passes
        await Expect(Chip("hourly-sync.sh")).ToHaveTextAsync("Late", new() { Timeout = 3_000 });
        await Expect(_page.Locator("[data-counter=late] .scripto-counter-value")).ToHaveTextAsync("1");

        _app.Clock.Advance(TimeSpan.FromMinutes(6)); // the default grace of an hourly script
        await Expect(Chip("hourly-sync.sh")).ToHaveTextAsync("Down", new() { Timeout = 3_000 });
        await Expect(_page).ToHaveTitleAsync("(1) Scripto");
    }

    [Fact]
    public async Task The_script_page_shows_history_and_changes_live_and_edits_through_the_write_path()
    {
        await Ping("pg_dump.sh/start?server=db-1&schedule=daily");
        _app.Clock.Advance(TimeSpan.FromSeconds(84));
        await Ping("pg_dump.sh/0?server=db-1", "dumping 42 tables\ndone in 84 s\n");
        _app.Clock.Advance(TimeSpan.FromHours(24));
        await Ping("pg_dump.sh/start?server=db-1");
        _app.Clock.Advance(TimeSpan.FromSeconds(131));
        var id = (long)(await (await Ping("pg_dump.sh/0?server=db-1")).JsonAsync())["id"]!;

        await _page.GotoAsync(_app.ServerAddress.ToString());
        await _page.Locator(".scripto-name", new() { HasTextString = "pg_dump.sh" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex($"/scripts/{id}$"));
        await _page.WaitForSelectorAsync("[data-live]", new() { State = WaitForSelectorState.Attached });
        await Expect(_page.Locator(".scripto-runs tbody tr")).ToHaveCountAsync(4);
        await Expect(_page.Locator(".scripto-runs .scripto-duration").First).ToHaveTextAsync("2 min 11 s");
        await Expect(_page.Locator(".scripto-durations svg")).ToBeVisibleAsync();
        await Expect(_page.Locator(".scripto-flip")).ToHaveCountAsync(1); // New → Up

        // A failure reported over HTTP shows up on the page by itself, with its output and a new flip.
        await Ping("pg_dump.sh/3?server=db-1", "pg_dump: error: connection refused\n");
        await Expect(_page.Locator(".scripto-runs tbody tr")).ToHaveCountAsync(5, new() { Timeout = 2_000 });
        await Expect(_page.Locator(".scripto-runs tbody tr").First.Locator(".scripto-output summary")).ToHaveTextAsync("pg_dump: error: connection refused");
        await Expect(_page.Locator(".scripto-flip").First).ToContainTextAsync("Up → Down: reported failure (exit code 3)");
        await Expect(_page.Locator(".scripto-status").First).ToHaveTextAsync("Failed");

        // The schedule: a cron job in Paris, shown in Paris and in the viewer's New York time.
        await _page.Locator(".scripto-kind").ClickAsync();
        await _page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Cron" }).ClickAsync();
        await _page.Locator(".scripto-cron input").FillAsync("30 2 * * *");
        await _page.Locator(".scripto-tz input").FillAsync("Europe/Paris");
        await _page.Locator(".scripto-grace input").FillAsync("20m");
        await _page.Locator(".scripto-save").ClickAsync();
        await Expect(_page.Locator(".scripto-schedule-current")).ToContainTextAsync("cron 30 2 * * * (Europe/Paris), grace 20m");
        await Expect(_page.Locator(".scripto-next-due li").First).ToContainTextAsync("02:30 (Europe/Paris)");
        await Expect(_page.Locator(".scripto-next-due li").First).ToContainTextAsync("(your time, America/New_York)");
        await _page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "script-page.png"), FullPage = true });

        // A nonsense cron is refused where it was typed, and nothing changes.
        await _page.Locator(".scripto-cron input").FillAsync("every night");
        await _page.Locator(".scripto-save").ClickAsync();
        await Expect(_page.Locator(".scripto-error")).ToContainTextAsync("cron");
        await Expect(_page.Locator(".scripto-schedule-current")).ToContainTextAsync("cron 30 2 * * * (Europe/Paris)");

        // Pause, resume.
        await _page.Locator(".scripto-pause").ClickAsync();
        await Expect(_page.Locator(".scripto-status").First).ToHaveTextAsync("Paused");
        await _page.Locator(".scripto-resume").ClickAsync();
        await Expect(_page.Locator(".scripto-status").First).ToHaveTextAsync("Failed");

        // Delete asks first; cancelling keeps it, confirming removes it and goes back to the dashboard.
        await _page.Locator(".scripto-delete").ClickAsync();
        await _page.Locator(".mud-dialog button", new() { HasTextString = "Cancel" }).ClickAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _api.GetAsync($"/api/v1/script/{id}")).StatusCode);
        await _page.Locator(".scripto-delete").ClickAsync();
        await _page.Locator(".mud-dialog button", new() { HasTextString = "Delete" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/$"));
        await Expect(_page.Locator(".scripto-empty")).ToBeVisibleAsync();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _api.GetAsync($"/api/v1/script/{id}")).StatusCode);
    }
}
