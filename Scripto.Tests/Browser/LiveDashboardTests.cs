using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>The dashboard in a real Chromium against the real app on Kestrel: it changes without a reload.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class LiveDashboardTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_reportAppears_fails_and_reorders_without_a_reload()
    {
        var db = await Api.CreateScriptAsync(new { name = "pg_dump-nightly.sh", server = "db-1", status = 1, periodicity = "daily", last_exec = "CURRENT_TIMESTAMP" });
        await Page.GotoAsync(App.ServerAddress.ToString());
        await Expect(RowNamed("pg_dump-nightly.sh")).ToBeVisibleAsync();
        await WaitForLiveAsync();
        var loads = 0;
        Page.Load += (_, _) => loads++;

        // A new script, reported over HTTP, shows up by itself.
        var id = await Api.CreateScriptAsync(new { name = "backup-home.sh", server = "nas-1", status = 1, periodicity = "hourly", last_exec = "CURRENT_TIMESTAMP" });
        await Expect(RowNamed("backup-home.sh")).ToBeVisibleAsync(new() { Timeout = 2_000 });
        await Expect(RowNamed("backup-home.sh").Locator(".scripto-status")).ToHaveTextAsync("OK");

        // It fails: its chip, the counters and the title follow.
        await Api.SendRawAsync("PUT", $"/api/v1/script/{id}", """{"status": 0}""");
        await Expect(RowNamed("backup-home.sh").Locator(".scripto-status")).ToHaveTextAsync("Failed", new() { Timeout = 2_000 });
        await Expect(Page.Locator("[data-counter=failing] .scripto-counter-value")).ToHaveTextAsync("1");
        await Expect(Page).ToHaveTitleAsync("(1) Scripto");
        await Expect(FirstRowName()).ToHaveTextAsync("backup-home.sh"); // problems first

        // A click on a column header re-orders, and the URL keeps the view.
        await Page.Locator("th").Filter(new() { HasText = "Name" }).Locator(".scripto-sort").First.ClickAsync();
        await Expect(FirstRowName()).ToHaveTextAsync("backup-home.sh");
        await Expect(Page).ToHaveURLAsync(new Regex("sort=name"));
        await Page.Locator("th").Filter(new() { HasText = "Name" }).Locator(".scripto-sort").First.ClickAsync();
        await Expect(FirstRowName()).ToHaveTextAsync("pg_dump-nightly.sh");
        await Expect(Page).ToHaveURLAsync(new Regex("dir=desc"));

        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "live-dashboard.png"), FullPage = true });
        Assert.Equal(0, loads);
        Assert.True(db > 0);
    }

    [Fact]
    public async Task A_row_that_changed_is_tinted_for_a_moment_then_settles_without_restyling_every_frame()
    {
        var id = await Api.CreateScriptAsync(new { name = "tinted.sh", status = 1 });
        await Page.GotoAsync(App.ServerAddress.ToString());
        await Expect(RowNamed("tinted.sh")).ToBeVisibleAsync();
        await WaitForLiveAsync();

        await Api.SendRawAsync("PUT", $"/api/v1/script/{id}", """{"status": 0}""");
        // The row is tinted, one animation on the row (on each of its cells it cost the page's style pass a third more:
        // bench/README.md, seventh dashboard pass).
        var row = RowNamed("tinted.sh");
        await Expect(row).ToHaveCSSAsync("background-color", "rgba(255, 193, 7, 0.45)", new() { Timeout = 2_000 });

        // The browser's animation clock moved on, not waited for: 1.5 s later the row is plain again.
        var timing = await row.EvaluateAsync<double[]>("""
            tr => {
              const [a] = tr.getAnimations();
              const t = a.effect.getComputedTiming();
              a.currentTime = 1600;
              return [t.delay, t.activeDuration];
            }
            """);
        await Expect(row).ToHaveCSSAsync("background-color", "rgba(0, 0, 0, 0)");
        // The tint is held through a delay, not animated: an active animation restyles the page on every frame, which
        // on a wall screen with rows changing all the time took more than a core (bench/README.md, live latency).
        Assert.Equal(new double[] { 1500, 0 }, timing);
    }

    [Fact]
    public async Task A_deleted_script_disappears_live()
    {
        await Api.CreateScriptAsync(new { name = "keep.sh", status = 1 });
        var gone = await Api.CreateScriptAsync(new { name = "gone.sh", status = 1 });
        await Page.GotoAsync(App.ServerAddress.ToString());
        await Expect(RowNamed("gone.sh")).ToBeVisibleAsync();
        await WaitForLiveAsync();

        await Api.DeleteAsync($"/api/v1/script/{gone}");

        await Expect(RowNamed("gone.sh")).ToHaveCountAsync(0, new() { Timeout = 2_000 });
        await Expect(RowNamed("keep.sh")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_bookmarked_view_opens_as_it_was()
    {
        await Api.CreateScriptAsync(new { name = "alpha.sh", server = "web-1", status = 1 });
        await Api.CreateScriptAsync(new { name = "beta.sh", server = "web-2", status = 0 });
        await Api.CreateScriptAsync(new { name = "gamma.sh", server = "db-1", status = 1 });

        await Page.GotoAsync(new Uri(App.ServerAddress, "/?sort=name&dir=desc&q=web").ToString());

        await Expect(FirstRowName()).ToHaveTextAsync("beta.sh");
        await Expect(Page.Locator(".scripto-name")).ToHaveCountAsync(2);
        await Expect(Page.Locator(".scripto-search input")).ToHaveValueAsync("web");
    }

    [Fact]
    public async Task Typing_in_the_search_box_narrows_the_table_and_the_url_keeps_it()
    {
        await Api.CreateScriptAsync(new { name = "backup-db.sh", server = "db-7", status = 1 });
        await Api.CreateScriptAsync(new { name = "rotate.sh", server = "web-1", status = 1 });
        await Page.GotoAsync(App.ServerAddress.ToString());
        await Expect(Page.Locator(".scripto-name")).ToHaveCountAsync(2);
        await WaitForLiveAsync();

        // Slow enough that each keystroke's search applies: the last one must win, in the table and in the URL.
        await Page.Locator(".scripto-search input").PressSequentiallyAsync("DB-7", new() { Delay = 250 });

        await Expect(Page.Locator(".scripto-name")).ToHaveCountAsync(1);
        await Expect(FirstRowName()).ToHaveTextAsync("backup-db.sh");
        await Expect(Page).ToHaveURLAsync(new Regex("q=DB-7"));
    }

    [Fact]
    public async Task The_page_and_its_size_are_in_the_address_bar_and_a_reload_keeps_them()
    {
        for (var i = 1; i <= 60; i++) await Api.CreateScriptAsync(new { name = $"job-{i:00}.sh", server = "web-1", status = 1 });

        await Page.GotoAsync(new Uri(App.ServerAddress, "/?sort=name&size=25&page=2").ToString());
        await Expect(FirstRowName()).ToHaveTextAsync("job-26.sh");
        await Expect(Page.Locator("tbody .scripto-name")).ToHaveCountAsync(25);
        await WaitForLiveAsync();

        await Page.Locator(".scripto-page-next").ClickAsync();
        await Expect(FirstRowName()).ToHaveTextAsync("job-51.sh");
        await Expect(Page).ToHaveURLAsync(new Regex("page=3"));
        await Expect(Page).ToHaveURLAsync(new Regex("size=25"));

        await Page.ReloadAsync();
        await Expect(FirstRowName()).ToHaveTextAsync("job-51.sh");
        await Expect(Page.Locator("tbody .scripto-name")).ToHaveCountAsync(10);
        await Expect(Page.Locator(".scripto-pager-range")).ToHaveTextAsync("51–60 of 60");
    }

    [Fact]
    public async Task A_report_that_lands_between_the_prerender_and_the_live_connection_shows()
    {
        await Api.CreateScriptAsync(new { name = "early.sh", server = "web-1", status = 1 });
        // The live page shows the prerender's rows again without re-querying them unless the feed moved in between:
        // hold Blazor's script until a report has landed, so the page goes live after it.
        var release = new TaskCompletionSource();
        await Page.RouteAsync("**/_framework/blazor.web*.js", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await Page.GotoAsync(App.ServerAddress.ToString(), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(RowNamed("early.sh")).ToBeVisibleAsync();

        await Api.CreateScriptAsync(new { name = "landed-meanwhile.sh", server = "web-1", status = 0 });
        release.SetResult();
        await WaitForLiveAsync();

        await Expect(RowNamed("landed-meanwhile.sh")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(Page.Locator("[data-counter=failing] .scripto-counter-value")).ToHaveTextAsync("1");
    }

    private ILocator RowNamed(string name) =>
        Page.Locator("tr").Filter(new() { Has = Page.Locator(".scripto-name", new() { HasTextString = name }) });

    private ILocator FirstRowName() => Page.Locator("tbody .scripto-name").First;
}
