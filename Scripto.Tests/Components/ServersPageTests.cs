using Bunit;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;
using Scripto.Web.Components.Pages;

namespace Scripto.Tests.Components;

/// <summary>The server view: a row per server, counted by state, servers in trouble first, each script a dot; live.</summary>
public sealed class ServersPageTests : IAsyncLifetime
{
    private readonly DashboardContext _ctx = new();

    public Task InitializeAsync() => _ctx.InitializeAsync();

    public Task DisposeAsync() => _ctx.DisposeAsync();

    private static List<string> ServerNames(IRenderedComponent<Servers> cut) =>
        cut.FindAll("tbody .scripto-server-name").Select(e => e.TextContent).ToList();

    private static string Count(IRenderedComponent<Servers> cut, string server, string count) =>
        cut.Find($"tr[data-server='{server}'] [data-count={count}]").TextContent;

    private async Task SeedAsync()
    {
        await _ctx.SeedAsync("backup.sh", true, TimeSpan.FromMinutes(5), Periodicity.Daily, server: "db-1");
        await _ctx.SeedAsync("vacuum.sh", false, TimeSpan.FromMinutes(5), Periodicity.Daily, server: "db-1");
        await _ctx.SeedAsync("rotate.sh", true, TimeSpan.FromMinutes(62), Periodicity.Hourly, server: "web-1"); // late
        await _ctx.SeedAsync("sync.sh", true, TimeSpan.FromMinutes(5), Periodicity.Daily, server: "nas-1");
        await _ctx.SeedAsync("new.sh", null, server: "nas-1");
    }

    [Fact]
    public async Task Each_server_is_counted_by_state_with_the_failing_ones_first_and_its_scripts_worst_first()
    {
        await SeedAsync();

        var cut = _ctx.Bunit.Render<Servers>();

        cut.WaitForAssertion(() => Assert.Equal(["db-1", "web-1", "nas-1"], ServerNames(cut)));
        Assert.Equal(("1", "0", "1"), (Count(cut, "db-1", "failing"), Count(cut, "db-1", "late"), Count(cut, "db-1", "ontime")));
        Assert.Equal("1", Count(cut, "web-1", "late"));
        Assert.Equal(("1", "1"), (Count(cut, "nas-1", "ontime"), Count(cut, "nas-1", "never")));
        Assert.Equal(["failed", "ok"], cut.FindAll("tr[data-server='db-1'] .scripto-dot").Select(d => d.GetAttribute("data-status")));
        Assert.Equal("/?server=db-1", cut.Find("tr[data-server='db-1'] .scripto-server-name").GetAttribute("href"));
        Assert.Equal("(1) Servers · Scripto", cut.Instance.Title);
    }

    [Fact]
    public async Task A_failure_reported_elsewhere_moves_its_server_up_by_itself()
    {
        await SeedAsync();
        var cut = _ctx.Bunit.Render<Servers>();
        cut.WaitForAssertion(() => Assert.Equal(["db-1", "web-1", "nas-1"], ServerNames(cut)));

        await _ctx.Writer.ReportAsync("sync.sh", "nas-1", new ScriptReport(Signal.Failure));
        await _ctx.Writer.ReportAsync("other.sh", "nas-1", new ScriptReport(Signal.Failure));

        cut.WaitForAssertion(() => Assert.Equal(["nas-1", "db-1", "web-1"], ServerNames(cut)));
        Assert.Equal("2", Count(cut, "nas-1", "failing"));
    }
}
