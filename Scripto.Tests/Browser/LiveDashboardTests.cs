using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>The dashboard in a real Chromium against the real app on Kestrel: it changes without a reload.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class LiveDashboardTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly ScriptoFactory _app = new(TempDatabase.NewPath(), kestrel: true);
    private HttpClient _api = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _api = new HttpClient { BaseAddress = _app.ServerAddress };
        _page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        _page.SetDefaultTimeout(10_000);
    }

    public async Task DisposeAsync()
    {
        await _page.CloseAsync();
        _api.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_report_appears_fails_and_reorders_without_a_reload()
    {
        var db = await _api.CreateScriptAsync(new { name = "pg_dump-nightly.sh", server = "db-1", status = 1, periodicity = "daily", last_exec = "CURRENT_TIMESTAMP" });
        await _page.GotoAsync(_app.ServerAddress.ToString());
        await Expect(RowNamed("pg_dump-nightly.sh")).ToBeVisibleAsync();
        await WaitForLiveAsync();
        var loads = 0;
        _page.Load += (_, _) => loads++;

        // A new script, reported over HTTP, shows up by itself.
        var id = await _api.CreateScriptAsync(new { name = "backup-home.sh", server = "nas-1", status = 1, periodicity = "hourly", last_exec = "CURRENT_TIMESTAMP" });
        await Expect(RowNamed("backup-home.sh")).ToBeVisibleAsync(new() { Timeout = 2_000 });
        await Expect(RowNamed("backup-home.sh").Locator(".scripto-status")).ToHaveTextAsync("Success");

        // It fails: its chip, the counters and the title follow.
        await _api.SendRawAsync("PUT", $"/api/v1/script/{id}", """{"status": 0}""");
        await Expect(RowNamed("backup-home.sh").Locator(".scripto-status")).ToHaveTextAsync("Failed", new() { Timeout = 2_000 });
        await Expect(_page.Locator("[data-counter=failing] .scripto-counter-value")).ToHaveTextAsync("1");
        await Expect(_page).ToHaveTitleAsync("(1) Scripto");
        await Expect(FirstRowName()).ToHaveTextAsync("backup-home.sh"); // problems first

        // A click on a column header re-orders, and the URL keeps the view.
        await _page.Locator("th").Filter(new() { HasText = "Name" }).Locator(".sortable-column-header, .column-header").First.ClickAsync();
        await Expect(FirstRowName()).ToHaveTextAsync("backup-home.sh");
        await Expect(_page).ToHaveURLAsync(new Regex("sort=name"));
        await _page.Locator("th").Filter(new() { HasText = "Name" }).Locator(".sortable-column-header, .column-header").First.ClickAsync();
        await Expect(FirstRowName()).ToHaveTextAsync("pg_dump-nightly.sh");
        await Expect(_page).ToHaveURLAsync(new Regex("dir=desc"));

        await _page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "live-dashboard.png"), FullPage = true });
        Assert.Equal(0, loads);
        Assert.True(db > 0);
    }

    [Fact]
    public async Task A_deleted_script_disappears_live()
    {
        await _api.CreateScriptAsync(new { name = "keep.sh", status = 1 });
        var gone = await _api.CreateScriptAsync(new { name = "gone.sh", status = 1 });
        await _page.GotoAsync(_app.ServerAddress.ToString());
        await Expect(RowNamed("gone.sh")).ToBeVisibleAsync();
        await WaitForLiveAsync();

        await _api.DeleteAsync($"/api/v1/script/{gone}");

        await Expect(RowNamed("gone.sh")).ToHaveCountAsync(0, new() { Timeout = 2_000 });
        await Expect(RowNamed("keep.sh")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_bookmarked_view_opens_as_it_was()
    {
        await _api.CreateScriptAsync(new { name = "alpha.sh", server = "web-1", status = 1 });
        await _api.CreateScriptAsync(new { name = "beta.sh", server = "web-2", status = 0 });
        await _api.CreateScriptAsync(new { name = "gamma.sh", server = "db-1", status = 1 });

        await _page.GotoAsync(new Uri(_app.ServerAddress, "/?sort=name&dir=desc&q=web").ToString());

        await Expect(FirstRowName()).ToHaveTextAsync("beta.sh");
        await Expect(_page.Locator(".scripto-name")).ToHaveCountAsync(2);
        await Expect(_page.Locator(".scripto-search input")).ToHaveValueAsync("web");
    }

    [Fact]
    public async Task Typing_in_the_search_box_narrows_the_table_and_the_url_keeps_it()
    {
        await _api.CreateScriptAsync(new { name = "backup-db.sh", server = "db-7", status = 1 });
        await _api.CreateScriptAsync(new { name = "rotate.sh", server = "web-1", status = 1 });
        await _page.GotoAsync(_app.ServerAddress.ToString());
        await Expect(_page.Locator(".scripto-name")).ToHaveCountAsync(2);
        await WaitForLiveAsync();

        // Slow enough that each keystroke's search applies: the last one must win, in the table and in the URL.
        await _page.Locator(".scripto-search input").PressSequentiallyAsync("DB-7", new() { Delay = 250 });

        await Expect(_page.Locator(".scripto-name")).ToHaveCountAsync(1);
        await Expect(FirstRowName()).ToHaveTextAsync("backup-db.sh");
        await Expect(_page).ToHaveURLAsync(new Regex("q=DB-7"));
    }

    private ILocator RowNamed(string name) =>
        _page.Locator("tr").Filter(new() { Has = _page.Locator(".scripto-name", new() { HasTextString = name }) });

    private ILocator FirstRowName() => _page.Locator("tbody .scripto-name").First;

    /// <summary>The circuit is up once the page is interactive (Blazor marks the document).</summary>
    private async Task WaitForLiveAsync() =>
        await _page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-live]') !== null");
}
