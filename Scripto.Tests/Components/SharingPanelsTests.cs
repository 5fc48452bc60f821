using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;
using Scripto.Tests.Shared;
using Scripto.Web.Components.Pages;
using Scripto.Web.Security;

namespace Scripto.Tests.Components;

/// <summary>Uptime on the script page; badges made and revoked on the script page and the server view, by admins only.</summary>
public sealed class SharingPanelsTests : IAsyncLifetime
{
    private readonly DashboardContext _ctx;
    private SignedInPerson _person = null!;

    public SharingPanelsTests()
    {
        _ctx = new(bunit => _person = new SignedInPerson(bunit));
        SignIn(Policies.Read, Policies.Admin);
    }

    public Task InitializeAsync() => _ctx.InitializeAsync();

    public Task DisposeAsync() => _ctx.DisposeAsync();

    private void SignIn(params string[] scopes) => _person.With(scopes);

    private Badges Badges => _ctx.Core.Get<Badges>();

    /// <summary>OK for 12 hours, then failed for 12: half the last day, and nothing watched before it.</summary>
    private async Task<long> HalfADayFailedAsync()
    {
        var id = (await _ctx.Writer.ReportAsync("pg_dump.sh", "db-1", new ScriptReport(Signal.Success), Schedule.Every(Periodicity.Daily),
            tags: new(true, ["public"]))).Script!.Id;
        _ctx.Clock.Advance(TimeSpan.FromHours(12));
        await _ctx.Writer.ReportAsync("pg_dump.sh", "db-1", new ScriptReport(Signal.Failure));
        _ctx.Clock.Advance(TimeSpan.FromHours(12));
        return id;
    }

    private IRenderedComponent<ScriptPage> RenderScript(long id) => _ctx.Bunit.Render<ScriptPage>(p => p.Add(c => c.Id, id));

    [Fact]
    public async Task The_script_page_shows_its_uptime_over_24_hours_7_30_and_90_days()
    {
        var id = await HalfADayFailedAsync();

        var cut = RenderScript(id);

        cut.WaitForAssertion(() => Assert.Equal("50 %", cut.Find(".scripto-uptime [data-window='24 h'] .scripto-uptime-figure").TextContent));
        Assert.Equal(["24 h", "7 d", "30 d", "90 d"], cut.FindAll(".scripto-uptime [data-window]").Select(e => e.GetAttribute("data-window")));
        Assert.All(cut.FindAll(".scripto-uptime-figure"), f => Assert.Equal("50 %", f.TextContent));
    }

    [Fact]
    public async Task An_admin_makes_a_badge_for_the_script_or_its_tag_and_revokes_it()
    {
        var id = await HalfADayFailedAsync();
        var dialogs = _ctx.Bunit.Render<MudDialogProvider>();
        var cut = RenderScript(id);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("button.scripto-new-badge").Count)); // the script, its tag

        await cut.Find("button.scripto-new-badge[data-target='tag public']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".scripto-badge")));
        var badge = Assert.Single(await Badges.ListAsync([Target.OfTag("public")]));
        Assert.Contains($"/badges/{badge.Token}.svg", cut.Find(".scripto-badge-markdown").TextContent);
        Assert.Equal($"/badges/{badge.Token}.svg", cut.Find(".scripto-badge img").GetAttribute("src"));

        var asking = cut.Find("button.scripto-revoke-badge").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog button")));
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Revoke").ClickAsync(new());
        await asking;

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".scripto-badge")));
        Assert.Empty(await Badges.ListAsync([Target.OfTag("public")]));
    }

    [Fact]
    public async Task A_viewer_sees_the_badges_to_copy_them_but_cannot_make_or_revoke_one()
    {
        var id = await HalfADayFailedAsync();
        await Badges.CreateAsync(Target.OfScript(id));
        SignIn(Policies.Read);

        var cut = RenderScript(id);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".scripto-badge")));
        Assert.Empty(cut.FindAll("button.scripto-new-badge"));
        Assert.Empty(cut.FindAll("button.scripto-revoke-badge"));
    }

    [Fact]
    public async Task The_server_view_makes_a_badge_for_a_server()
    {
        await HalfADayFailedAsync();
        var cut = _ctx.Bunit.Render<Servers>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr[data-server='db-1']")));

        await cut.Find("tr[data-server='db-1'] .scripto-server-badges").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("button.scripto-new-badge")));
        await cut.Find("button.scripto-new-badge").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".scripto-badge")));
        Assert.Single(await Badges.ListAsync([Target.OfServer("db-1")]));
    }
}
