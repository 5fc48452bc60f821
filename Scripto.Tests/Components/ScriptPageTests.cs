using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;
using Scripto.Web.Components.Pages;
using Scripto.Web.Security;

namespace Scripto.Tests.Components;

/// <summary>
/// One script's page over the real core: its history, its status changes, live updates, pause and delete. What needs
/// a browser (the viewer's time zone, a click before the circuit is up, the journey from the dashboard) stays in
/// Browser/ScriptPageTests.
/// </summary>
public sealed class ScriptPageTests : IAsyncLifetime
{
    private readonly DashboardContext _ctx;
    private SignedInPerson _person = null!;

    public ScriptPageTests()
    {
        _ctx = new(bunit => _person = new SignedInPerson(bunit));
        SignIn(Policies.Read, Policies.Admin);
    }

    public Task InitializeAsync() => _ctx.InitializeAsync();

    public Task DisposeAsync() => _ctx.DisposeAsync();

    private void SignIn(params string[] scopes) => _person.With(scopes);

    private Task<WriteResult> Report(Signal signal, int? exitCode = null, string? output = null) =>
        _ctx.Writer.ReportAsync("pg_dump.sh", "db-1", new ScriptReport(signal, exitCode, output));

    /// <summary>Two daily runs that each started and finished: 84 s, then 131 s.</summary>
    private async Task<long> SeedTwoRunsAsync()
    {
        await _ctx.Writer.ReportAsync("pg_dump.sh", "db-1", new ScriptReport(Signal.Start), Schedule.Every(Periodicity.Daily));
        _ctx.Clock.Advance(TimeSpan.FromSeconds(84));
        await Report(Signal.Success, 0, "dumping 42 tables\ndone in 84 s\n");
        _ctx.Clock.Advance(TimeSpan.FromHours(24));
        await Report(Signal.Start);
        _ctx.Clock.Advance(TimeSpan.FromSeconds(131));
        return (await Report(Signal.Success, 0)).Script!.Id;
    }

    private IRenderedComponent<ScriptPage> Render(long id) => _ctx.Bunit.Render<ScriptPage>(p => p.Add(c => c.Id, id));

    private static string Status(IRenderedComponent<ScriptPage> cut) => cut.Find(".scripto-status").TextContent.Trim();

    [Fact]
    public async Task The_page_shows_each_run_newest_first_with_its_duration_and_the_status_change()
    {
        var id = await SeedTwoRunsAsync();

        var cut = Render(id);

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll(".scripto-runs tbody tr").Count));
        Assert.Equal("pg_dump.sh", cut.Find(".scripto-script-name").TextContent);
        Assert.Equal("2 min 11 s", cut.FindAll(".scripto-runs .scripto-duration")[0].TextContent.Trim());
        Assert.NotEmpty(cut.FindAll(".scripto-durations .scripto-point"));
        Assert.Single(cut.FindAll(".scripto-flip")); // Never reported → OK
        Assert.Equal("OK", Status(cut));
    }

    [Fact]
    public async Task A_failure_reported_elsewhere_shows_up_by_itself_with_its_output_and_a_new_status_change()
    {
        var id = await SeedTwoRunsAsync();
        var cut = Render(id);
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll(".scripto-runs tbody tr").Count));

        await Report(Signal.Failure, 3, "pg_dump: error: connection refused\n");

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll(".scripto-runs tbody tr").Count));
        Assert.Equal("pg_dump: error: connection refused", cut.FindAll(".scripto-runs tbody tr")[0].QuerySelector(".scripto-output-open")!.TextContent.Trim());
        Assert.Contains("OK → Failed: reported failure (exit code 3)", cut.FindAll(".scripto-flip")[0].TextContent);
        Assert.Equal("Failed", Status(cut));
    }

    [Fact]
    public async Task Pause_and_resume_go_through_the_writer_and_show_at_once()
    {
        var id = await SeedTwoRunsAsync();
        await Report(Signal.Failure, 3);
        var cut = Render(id);
        cut.WaitForAssertion(() => Assert.Equal("Failed", Status(cut)));

        await cut.Find("button.scripto-pause").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("Paused", Status(cut)));
        Assert.True((await _ctx.Core.Get<Scripto.Core.Reading.ScriptQueries>().DetailsAsync(id))!.Script.Paused);

        await cut.Find("button.scripto-resume").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("Failed", Status(cut)));
    }

    [Fact]
    public async Task Delete_asks_first_cancelling_keeps_the_script_and_confirming_removes_it_and_goes_to_the_dashboard()
    {
        var id = await SeedTwoRunsAsync();
        var dialogs = _ctx.Bunit.Render<MudDialogProvider>();
        var cut = Render(id);
        cut.WaitForAssertion(() => Assert.Equal("OK", Status(cut)));

        var asking = cut.Find("button.scripto-delete").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Delete this script?", dialogs.Markup));
        await ButtonIn(dialogs, "Cancel").ClickAsync(new());
        await asking;
        Assert.NotNull(await _ctx.Core.Get<Scripto.Core.Reading.ScriptQueries>().DetailsAsync(id));

        asking = cut.Find("button.scripto-delete").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("mud-button-filled-error", ButtonIn(dialogs, "Delete").ClassName)); // looks destructive
        await ButtonIn(dialogs, "Delete").ClickAsync(new());
        await asking;

        Assert.Null(await _ctx.Core.Get<Scripto.Core.Reading.ScriptQueries>().DetailsAsync(id));
        Assert.Equal("http://localhost/", _ctx.Bunit.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task The_heartbeat_switch_shows_whether_it_is_its_servers_heartbeat_and_an_admin_sets_it_through_the_writer()
    {
        var id = await SeedTwoRunsAsync();
        var cut = Render(id);
        cut.WaitForAssertion(() => Assert.Contains("Heartbeat of db-1", cut.Find(".scripto-summary").TextContent));
        Assert.Contains("no", cut.Find(".scripto-heartbeat").TextContent);

        await cut.Find(".scripto-heartbeat input").ChangeAsync(new() { Value = true });

        cut.WaitForAssertion(() => Assert.Contains("yes", cut.Find(".scripto-heartbeat").TextContent));
        Assert.True((await _ctx.Core.Get<Scripto.Core.Reading.ScriptQueries>().DetailsAsync(id))!.Script.Heartbeat);
        SignIn(Policies.Read);
        Assert.True(Render(id).WaitForElement(".scripto-heartbeat input").HasAttribute("disabled")); // shown, not switched, by a reader
    }

    [Fact]
    public async Task Someone_who_may_only_read_sees_no_pause_or_delete()
    {
        var id = await SeedTwoRunsAsync();
        SignIn(Policies.Read);

        var cut = Render(id);

        cut.WaitForAssertion(() => Assert.Equal("OK", Status(cut)));
        Assert.Empty(cut.FindAll("button.scripto-pause"));
        Assert.Empty(cut.FindAll("button.scripto-delete"));
    }

    [Fact]
    public async Task A_script_deleted_while_its_page_is_open_says_so()
    {
        var id = await SeedTwoRunsAsync();
        var cut = Render(id);
        cut.WaitForAssertion(() => Assert.Equal("OK", Status(cut)));

        await _ctx.Writer.DeleteAsync(id);

        cut.WaitForAssertion(() => Assert.Contains($"There is no script {id}: it was deleted", cut.Find(".scripto-gone").TextContent));
    }

    [Fact]
    public void A_script_that_does_not_exist_says_so_and_asks_for_the_not_found_page()
    {
        var notFound = 0;
        _ctx.Bunit.Services.GetRequiredService<NavigationManager>().OnNotFound += (_, _) => notFound++;

        var cut = Render(999);

        cut.WaitForAssertion(() => Assert.Contains("There is no script 999", cut.Find(".scripto-gone").TextContent));
        Assert.Equal(1, notFound); // the Router shows its NotFoundPage in the page's place, with 404 (Pages/NotFoundPageTests)
    }

    private static AngleSharp.Dom.IElement ButtonIn(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);
}
