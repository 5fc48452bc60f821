using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>
/// A script with a full history (100 runs, every tenth failed with coloured output), read in Chromium: on a desktop,
/// and on a 390 px phone in the dark.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RunHistoryTests : BrowserTest
{
    private readonly ChromiumFixture _chromium;
    private long _id;

    public RunHistoryTests(ChromiumFixture chromium) : base(chromium)
    {
        _chromium = chromium;
        TimezoneId = "Europe/Paris";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        for (var i = 0; i < 100; i++)
        {
            var failed = i % 10 == 9;
            var path = $"nightly-backup.sh{(failed ? "/fail" : "")}?server=db-1&duration={40 + i % 7 * 5 + (failed ? 30 : 0)}";
            var output = failed
                ? $"dumping 14 databases\n\u001b[1;31mERROR\u001b[0m pg_dump: connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: {new string('x', 300)}\n"
                : "dumping 14 databases\n\u001b[32mOK\u001b[0m 2.1 GiB written to /backups\n";
            var response = await Api.SendRawAsync("POST", "/api/v2/ping/" + path, output, "text/plain");
            _id = (long)(await response.JsonAsync())["id"]!;
            App.Clock.Advance(TimeSpan.FromMinutes(i % 3 == 0 ? 50 : 70));
        }
    }

    private string ScriptUrl => new Uri(App.ServerAddress, $"/scripts/{_id}").ToString();

    [Fact]
    public async Task The_chart_reads_at_100_runs_and_a_click_on_a_failed_point_shows_that_run_whole()
    {
        await Page.GotoAsync(ScriptUrl);
        await WaitForLiveAsync();

        await Expect(Page.Locator(".scripto-point")).ToHaveCountAsync(100);
        await Expect(Page.Locator(".scripto-point-failed")).ToHaveCountAsync(10);
        await Expect(Page.Locator(".scripto-time-tick")).ToHaveCountAsync(5);
        Assert.Equal("rgb(244, 67, 54)", await Page.Locator(".scripto-point-failed").First.EvaluateAsync<string>("p => getComputedStyle(p).backgroundColor")); // the theme's error red
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "script-page-100-runs.png") });

        await Page.Locator(".scripto-point-failed").Last.ClickAsync();
        var dialog = Page.Locator(".scripto-run-dialog");
        await Expect(dialog.Locator(".ansi-fg-1.ansi-bold")).ToHaveTextAsync("ERROR");
        await Expect(dialog).ToContainTextAsync("Failed");
        Assert.True((await dialog.BoundingBoxAsync())!.Width > 1000, "the output is shown in a wide panel");
        var output = dialog.Locator("pre.scripto-run-output");
        Assert.Equal("monospace", await output.EvaluateAsync<string>("p => getComputedStyle(p).fontFamily.split(',').pop().trim()"));
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "run-output.png") });

        await dialog.Locator(".scripto-run-close").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Page.Locator(".scripto-output-open").Nth(1).ClickAsync(); // the runs table opens the same panel (the newest run failed; this one did not)
        await Expect(Page.Locator(".scripto-run-dialog pre")).ToContainTextAsync("2.1 GiB written");
    }

    [Fact]
    public async Task On_a_390px_phone_in_the_dark_nothing_overflows_sideways_and_the_scripts_show_on_the_first_screen()
    {
        var phone = await _chromium.Browser.NewPageAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
            ColorScheme = ColorScheme.Dark, TimezoneId = "Europe/Paris",
        });
        try
        {
            await phone.GotoAsync(ScriptUrl);
            await phone.WaitForSelectorAsync("[data-live]", new() { State = WaitForSelectorState.Attached });
            await Expect(phone.Locator(".scripto-point")).ToHaveCountAsync(100);
            Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the script page is wider than the phone");
            var table = phone.Locator(".scripto-runs .mud-table-container");
            Assert.True(await table.EvaluateAsync<bool>("t => t.scrollWidth <= t.clientWidth"), "the runs table scrolls sideways");
            await Expect(phone.Locator(".scripto-output-open").First).ToBeInViewportAsync(new() { Ratio = 0 });
            await phone.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "script-page-phone-dark.png") });
            await phone.Locator(".scripto-runs").ScrollIntoViewIfNeededAsync();
            await phone.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "script-page-phone-runs.png") });

            await phone.GotoAsync(App.ServerAddress.ToString());
            await phone.WaitForSelectorAsync("[data-live]", new() { State = WaitForSelectorState.Attached });
            await Expect(phone.Locator("[data-counter=total] .scripto-counter-value")).ToHaveTextAsync("1");
            Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the dashboard is wider than the phone");
            var counters = (await phone.Locator(".scripto-counters").BoundingBoxAsync())!;
            Assert.True(counters.Y + counters.Height < 844 * 0.4, $"the counters end {counters.Y + counters.Height} px down a 844 px screen");
            await phone.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "dashboard-phone-dark.png") });
        }
        finally
        {
            await phone.CloseAsync();
        }
    }
}
