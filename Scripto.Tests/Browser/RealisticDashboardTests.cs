using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>A realistic datacenter on the dashboard, in the light and the dark theme (the README's screenshot).</summary>
[Collection(ChromiumCollection.Name)]
public sealed class RealisticDashboardTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly ScriptoFactory _app = new(TempDatabase.NewPath(), kestrel: true);

    public async Task InitializeAsync()
    {
        using var api = new HttpClient { BaseAddress = _app.ServerAddress };
        var now = ScriptoFactory.Start;
        string Ago(TimeSpan t) => (now - t).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"); // instants: lateness counts from them
        (string Name, string Server, int? Status, string? Periodicity, TimeSpan Ago)[] scripts =
        [
            ("pg_dump-nightly.sh", "db-1", 1, "daily", TimeSpan.FromHours(11.5)),
            ("pg_dump-nightly.sh", "db-2", 0, "daily", TimeSpan.FromHours(11.4)),
            ("backup-home.sh", "nas-1", 1, "daily", TimeSpan.FromHours(24.5)),
            ("rsync-offsite.sh", "nas-1", 1, "daily", TimeSpan.FromHours(23.4)),
            ("rotate-logs.sh", "web-1", 1, "hourly", TimeSpan.FromMinutes(12)),
            ("rotate-logs.sh", "web-2", 1, "hourly", TimeSpan.FromMinutes(54)),
            ("certbot-renew", "web-1", 1, "weekly", TimeSpan.FromDays(2)),
            ("clamav-scan.sh", "mail-1", 0, "daily", TimeSpan.FromMinutes(42)),
            ("vacuum-analyze.sh", "db-1", 1, "weekly", TimeSpan.FromDays(6.5)),
            ("report-monthly.py", "batch-1", 1, "monthly", TimeSpan.FromDays(12)),
            ("etl-orders.py", "batch-1", 1, "hourly", TimeSpan.FromMinutes(3)),
            ("zfs-scrub.sh", "nas-1", 1, "monthly", TimeSpan.FromHours(730.5)),
            ("backup-mail.sh", "mail-1", 1, "daily", TimeSpan.FromHours(27)),
            ("apt-security-upgrade", "web-2", 1, null, TimeSpan.FromHours(5)),
            ("new-billing-export.sh", "batch-2", null, "daily", TimeSpan.Zero),
        ];
        // And a fleet of routine jobs that ran on time, so the table is fuller than one screen.
        string[] hosts = ["web-1", "web-2", "web-3", "db-1", "db-2"];
        string[] jobs = ["logrotate", "node-exporter-textfile.sh", "prune-docker.sh", "sync-dns.py", "warm-cache.sh"];
        var fleet = hosts.SelectMany((host, h) => jobs.Select((job, j) =>
            (job, host, (int?)1, (string?)"hourly", TimeSpan.FromMinutes(2 + 7 * h + j))));
        foreach ((string Name, string Server, int? Status, string? Periodicity, TimeSpan Ago) s in scripts.Concat(fleet))
            await api.CreateScriptAsync(s.Status is null
                ? new { name = s.Name, server = s.Server, periodicity = s.Periodicity }
                : new { name = s.Name, server = s.Server, status = s.Status, periodicity = s.Periodicity, last_exec = Ago(s.Ago) });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(ColorScheme.Light, "dashboard.png")]
    [InlineData(ColorScheme.Dark, "dashboard-dark.png")]
    public async Task A_datacenter_reads_at_a_glance(ColorScheme scheme, string screenshot)
    {
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, ColorScheme = scheme, TimezoneId = "Europe/Paris" });
        try
        {
            await page.GotoAsync(_app.ServerAddress.ToString());
            await page.WaitForSelectorAsync("[data-live]", new() { State = WaitForSelectorState.Attached });

            await Expect(page.Locator("[data-counter=failing] .scripto-counter-value")).ToHaveTextAsync("3"); // two failed, one down: silent past its grace
            await Expect(page.Locator("[data-counter=late] .scripto-counter-value")).ToHaveTextAsync("2");
            await Expect(page.Locator("[data-counter=ontime] .scripto-counter-value")).ToHaveTextAsync("34");
            await Expect(page.Locator("[data-counter=never] .scripto-counter-value")).ToHaveTextAsync("1");
            await Expect(page.Locator("tbody .scripto-status").First).ToHaveTextAsync("Failed");
            await Expect(page.Locator(".scripto-calendar").First).ToHaveTextAsync("Today at 15:34:25"); // 13:34:25 UTC, read in Paris (UTC+2 in August)
            // Dense: one line per script, about 30 of them on a 1400x900 screen, exit code and duration in view.
            var rows = await page.EvaluateAsync<double[]>(
                "() => { const s = document.querySelector('.scripto-table-scroll').getBoundingClientRect(); " +
                "const rows = [...document.querySelectorAll('tbody tr')]; " +
                "return [rows.filter(r => r.getBoundingClientRect().bottom <= Math.min(s.bottom, innerHeight)).length, " +
                "Math.max(...rows.map(r => r.getBoundingClientRect().height))]; }");
            await page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, screenshot) });
            Assert.True(rows[0] >= 28, $"{rows[0]} rows in view");
            Assert.True(rows[1] <= 28, $"rows up to {rows[1]} px high");
            await Expect(page.Locator("tbody tr").Filter(new() { HasText = "clamav-scan.sh" }).Locator(".scripto-exit-code")).ToBeVisibleAsync();
            var background = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
            Assert.Equal(scheme == ColorScheme.Dark, IsDark(background));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task From_the_dashboard_to_a_script_and_back_the_bar_and_the_dark_theme_stay()
    {
        // The dashboard has a lighter layout of its own (no MudBlazor providers); a script's page has MainLayout's.
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, ColorScheme = ColorScheme.Dark });
        try
        {
            await page.GotoAsync(_app.ServerAddress.ToString());
            await page.WaitForSelectorAsync("[data-live]", new() { State = WaitForSelectorState.Attached });
            var bar = await page.Locator(".mud-appbar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

            await page.Locator("tbody .scripto-name", new() { HasTextString = "clamav-scan.sh" }).ClickAsync();
            await Expect(page.Locator(".scripto-script-name")).ToHaveTextAsync("clamav-scan.sh");
            Assert.Equal(bar, await page.Locator(".mud-appbar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
            Assert.True(IsDark(await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor")));

            await page.Locator(".mud-appbar a", new() { HasTextString = "Scripto" }).ClickAsync();
            await Expect(page.Locator("tbody .scripto-name").First).ToBeVisibleAsync();
            await Expect(page.Locator(".scripto-servers-link")).ToBeVisibleAsync();
            Assert.Equal(bar, await page.Locator(".mud-appbar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
            Assert.True(IsDark(await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor")));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_the_page_does_not_scroll_sideways_and_the_table_scrolls_in_its_box()
    {
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, TimezoneId = "Europe/Paris" });
        try
        {
            await page.GotoAsync(_app.ServerAddress.ToString());
            await page.WaitForSelectorAsync("[data-live]", new() { State = WaitForSelectorState.Attached });
            await Expect(page.Locator("tbody .scripto-name").First).ToBeVisibleAsync();

            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, innerWidth]");
            Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide on a {widths[1]} px screen");
            await page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "dashboard-phone.png") });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static bool IsDark(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',').Select(p => double.Parse(p.Trim())).ToArray();
        return parts[0] + parts[1] + parts[2] < 3 * 128;
    }
}
