using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;
using Scripto.Web.Components.Pages;

namespace Scripto.Tests.Components;

public sealed class DashboardTests : IAsyncLifetime
{
    private readonly DashboardContext _ctx = new();

    public Task InitializeAsync() => _ctx.InitializeAsync();

    public Task DisposeAsync() => _ctx.DisposeAsync();

    private IRenderedComponent<Dashboard> Render() => _ctx.Bunit.Render<Dashboard>();

    private static List<string> Names(IRenderedComponent<Dashboard> cut) =>
        cut.FindAll("tbody .scripto-name").Select(e => e.TextContent).ToList();

    private static string Counter(IRenderedComponent<Dashboard> cut, string name) =>
        cut.Find($"[data-counter={name}] .scripto-counter-value").TextContent;

    private static string ChipOf(IRenderedComponent<Dashboard> cut, string name) =>
        cut.FindAll("tbody tr").Single(r => r.QuerySelector(".scripto-name")!.TextContent == name)
            .QuerySelector(".scripto-status")!.TextContent.Trim();

    private async Task SeedOneOfEachAsync()
    {
        await _ctx.SeedAsync("ok.sh", true, TimeSpan.FromMinutes(5), Periodicity.Daily);
        await _ctx.SeedAsync("failed.sh", false, TimeSpan.FromHours(2), Periodicity.Daily);
        await _ctx.SeedAsync("late.sh", true, TimeSpan.FromMinutes(62), Periodicity.Hourly); // grace: 6 min
        await _ctx.SeedAsync("down.sh", true, TimeSpan.FromHours(2), Periodicity.Hourly);
        await _ctx.SeedAsync("soon.sh", true, TimeSpan.FromMinutes(55), Periodicity.Hourly);
        await _ctx.SeedAsync("never.sh", null);
        await _ctx.SeedAsync("unscheduled.sh", true, TimeSpan.FromDays(400));
    }

    [Fact]
    public async Task Each_state_gets_its_chip()
    {
        await SeedOneOfEachAsync();

        var cut = Render();

        cut.WaitForAssertion(() => Assert.Equal(7, Names(cut).Count));
        Assert.Equal("Success", ChipOf(cut, "ok.sh"));
        Assert.Equal("Down", ChipOf(cut, "down.sh"));
        Assert.Equal("Failed", ChipOf(cut, "failed.sh"));
        Assert.Equal("Late", ChipOf(cut, "late.sh"));
        Assert.Equal("Soon", ChipOf(cut, "soon.sh"));
        Assert.Equal("Never reported", ChipOf(cut, "never.sh"));
        Assert.Equal("Success", ChipOf(cut, "unscheduled.sh")); // no schedule: never late
    }

    [Fact]
    public async Task Counters_count_each_state_and_the_title_carries_the_failures()
    {
        await SeedOneOfEachAsync();
        await _ctx.SeedAsync("failed-too.sh", false, TimeSpan.FromMinutes(1));

        var cut = Render();

        cut.WaitForAssertion(() => Assert.Equal("3", Counter(cut, "failing"))); // failed and down
        Assert.Equal("1", Counter(cut, "late"));
        Assert.Equal("3", Counter(cut, "ok")); // soon has missed nothing yet
        Assert.Equal("1", Counter(cut, "never"));
        Assert.Equal("8", Counter(cut, "total"));
        Assert.Equal("(3) Scripto", cut.Instance.Title);
    }

    [Fact]
    public async Task The_default_order_puts_problems_first_then_the_latest_run()
    {
        await SeedOneOfEachAsync();
        await _ctx.SeedAsync("ok-older.sh", true, TimeSpan.FromMinutes(30), Periodicity.Daily);

        var cut = Render();

        cut.WaitForAssertion(() => Assert.Equal(
            ["failed.sh", "down.sh", "late.sh", "soon.sh", "ok.sh", "ok-older.sh", "unscheduled.sh", "never.sh"], Names(cut)));
    }

    [Fact]
    public async Task A_click_on_a_header_sorts_by_that_column_and_a_second_click_reverses_it()
    {
        await _ctx.SeedAsync("b.sh", false, TimeSpan.FromMinutes(1), server: "z-host");
        await _ctx.SeedAsync("c.sh", true, TimeSpan.FromMinutes(2), server: "a-host");
        await _ctx.SeedAsync("a.sh", true, TimeSpan.FromMinutes(3), server: "m-host");
        var cut = Render();
        cut.WaitForAssertion(() => Assert.Equal(["b.sh", "c.sh", "a.sh"], Names(cut)));

        HeaderOf(cut, "Server").Click();
        cut.WaitForAssertion(() => Assert.Equal(["c.sh", "a.sh", "b.sh"], Names(cut)));

        HeaderOf(cut, "Server").Click();
        cut.WaitForAssertion(() => Assert.Equal(["b.sh", "a.sh", "c.sh"], Names(cut)));
    }

    [Fact]
    public void With_nothing_reported_it_shows_how_to_report_the_first_script_to_this_server()
    {
        var cut = Render();

        var command = cut.Find(".scripto-command").TextContent;
        Assert.Contains("-X POST \"http://localhost/api/v2/ping/backup.sh?", command);
        Assert.Empty(cut.FindAll("tbody tr"));
    }

    [Fact]
    public async Task A_search_that_matches_nothing_says_so()
    {
        await _ctx.SeedAsync("backup.sh", true, TimeSpan.FromMinutes(1));

        _ctx.Bunit.Services.GetRequiredService<NavigationManager>().NavigateTo("/?q=no-such-thing");
        var cut = Render();

        cut.WaitForAssertion(() => Assert.Contains("No script matches.", cut.Markup));
        Assert.DoesNotContain("Loading…", cut.Markup);
    }

    [Fact]
    public async Task A_name_full_of_html_is_shown_as_text()
    {
        await _ctx.SeedAsync("<img src=x onerror=alert(1)>", true, TimeSpan.FromMinutes(1), server: "<b>bold</b>");

        var cut = Render();

        cut.WaitForAssertion(() => Assert.Equal(["<img src=x onerror=alert(1)>"], Names(cut)));
        Assert.Empty(cut.FindAll("tbody img"));
        Assert.Empty(cut.FindAll("tbody b"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", cut.Markup);
    }

    [Fact]
    public async Task A_report_through_the_write_path_shows_without_anything_else_happening()
    {
        var id = await _ctx.SeedAsync("job.sh", true, TimeSpan.FromMinutes(1), Periodicity.Daily);
        var cut = Render();
        cut.WaitForAssertion(() => Assert.Equal("Success", ChipOf(cut, "job.sh")));

        await _ctx.Writer.UpdateAsync(id, new ScriptChanges { Status = false });

        cut.WaitForAssertion(() => Assert.Equal("Failed", ChipOf(cut, "job.sh")));
        cut.WaitForAssertion(() => Assert.Equal("1", Counter(cut, "failing")));
        Assert.Single(cut.FindAll("tbody tr.scripto-changed"));
    }

    [Fact]
    public async Task As_time_passes_the_time_worker_turns_a_script_soon_late_then_down_with_no_report()
    {
        var id = await _ctx.SeedAsync("hourly.sh", true, TimeSpan.FromMinutes(1), Periodicity.Hourly);
        var cut = Render();
        cut.WaitForAssertion(() => Assert.Equal("Success", ChipOf(cut, "hourly.sh")));

        _ctx.Clock.Advance(TimeSpan.FromMinutes(49)); // the fake clock wakes the time worker: nothing sleeps
        cut.WaitForAssertion(() => Assert.Equal("Soon", ChipOf(cut, "hourly.sh")));

        _ctx.Clock.Advance(TimeSpan.FromMinutes(10));
        cut.WaitForAssertion(() => Assert.Equal("Late", ChipOf(cut, "hourly.sh")));
        cut.WaitForAssertion(() => Assert.Equal("1", Counter(cut, "late")));

        _ctx.Clock.Advance(TimeSpan.FromMinutes(6)); // the default grace of an hourly script
        cut.WaitForAssertion(() => Assert.Equal("Down", ChipOf(cut, "hourly.sh")));
        cut.WaitForAssertion(() => Assert.Equal("1", Counter(cut, "failing")));
        Assert.Equal("Down", DatabaseContents.Scalar(_ctx.ConnectionString, $"SELECT to_state FROM flips WHERE script_id = {id} ORDER BY id DESC LIMIT 1"));
    }

    [Fact]
    public async Task Search_and_status_filter_narrow_the_table()
    {
        await SeedOneOfEachAsync();
        await _ctx.SeedAsync("backup-db.sh", false, TimeSpan.FromMinutes(3), server: "db-7");
        var cut = Render();
        cut.WaitForAssertion(() => Assert.Equal(8, Names(cut).Count));

        cut.Find("[data-counter=failing]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["backup-db.sh", "failed.sh", "down.sh"], Names(cut)));

        cut.Find("[data-counter=total]").Click();
        cut.Find(".scripto-search input").Input("DB-7");
        cut.WaitForAssertion(() => Assert.Equal(["backup-db.sh"], Names(cut)));
    }

    [Fact]
    public async Task A_deleted_script_leaves_the_table()
    {
        var id = await _ctx.SeedAsync("gone.sh", true, TimeSpan.FromMinutes(1));
        await _ctx.SeedAsync("kept.sh", true, TimeSpan.FromMinutes(1));
        var cut = Render();
        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Count));

        await _ctx.Writer.DeleteAsync(id);

        cut.WaitForAssertion(() => Assert.Equal(["kept.sh"], Names(cut)));
    }

    [Fact]
    public async Task Disposing_the_page_ends_its_subscription()
    {
        var before = _ctx.Feed.SubscriberCount; // the app's own: the time worker's
        var cut = Render();
        cut.WaitForAssertion(() => Assert.Equal(before + 1, _ctx.Feed.SubscriberCount));

        await _ctx.Bunit.DisposeComponentsAsync();

        Assert.Equal(before, _ctx.Feed.SubscriberCount);
    }

    private static IElement HeaderOf(IRenderedComponent<Dashboard> cut, string title) =>
        cut.FindAll("th").Single(th => th.TextContent.Contains(title)).QuerySelector(".sortable-column-header")!;
}
