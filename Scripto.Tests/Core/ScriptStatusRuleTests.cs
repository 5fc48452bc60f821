using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;

namespace Scripto.Tests.Core;

/// <summary>v1's thresholds: late once the period has passed since the last run, soon within a window before.</summary>
public sealed class ScriptStatusRuleTests
{
    private static readonly DateTime Now = new(2024, 3, 31, 12, 0, 0, DateTimeKind.Utc);

    private static ScriptStatus StatusAfter(Periodicity? periodicity, TimeSpan sinceLastRun, bool? status = true) =>
        ScriptStatusRule.Of(new Script { Name = "s", LastStatus = status, LastExec = Now - sinceLastRun, Periodicity = periodicity }, Now);

    [Theory]
    [InlineData(Periodicity.Hourly, 49, ScriptStatus.Ok)]
    [InlineData(Periodicity.Hourly, 50, ScriptStatus.Soon)]
    [InlineData(Periodicity.Hourly, 59, ScriptStatus.Soon)]
    [InlineData(Periodicity.Hourly, 60, ScriptStatus.Late)]
    [InlineData(Periodicity.Daily, 22 * 60 + 59, ScriptStatus.Ok)]
    [InlineData(Periodicity.Daily, 23 * 60, ScriptStatus.Soon)]
    [InlineData(Periodicity.Daily, 24 * 60, ScriptStatus.Late)]
    [InlineData(Periodicity.Weekly, 149 * 60, ScriptStatus.Ok)]
    [InlineData(Periodicity.Weekly, 150 * 60, ScriptStatus.Soon)]
    [InlineData(Periodicity.Weekly, 168 * 60, ScriptStatus.Late)]
    [InlineData(Periodicity.Monthly, 711 * 60, ScriptStatus.Ok)]
    [InlineData(Periodicity.Monthly, 712 * 60, ScriptStatus.Soon)]
    [InlineData(Periodicity.Monthly, 730 * 60, ScriptStatus.Late)]
    public void The_originals_thresholds_hold(Periodicity periodicity, int minutesSinceRun, ScriptStatus expected) =>
        Assert.Equal(expected, StatusAfter(periodicity, TimeSpan.FromMinutes(minutesSinceRun)));

    [Fact]
    public void A_failed_run_is_failed_whatever_the_time() =>
        Assert.Equal(ScriptStatus.Failed, StatusAfter(Periodicity.Hourly, TimeSpan.FromDays(3), status: false));

    [Fact]
    public void A_script_that_never_reported_is_never_reported() =>
        Assert.Equal(ScriptStatus.NeverReported, ScriptStatusRule.Of(new Script { Name = "s", Periodicity = Periodicity.Hourly }, Now));

    [Fact]
    public void Without_a_schedule_a_script_is_never_late() =>
        Assert.Equal(ScriptStatus.Ok, StatusAfter(null, TimeSpan.FromDays(3650)));

    [Fact]
    public void The_next_run_is_due_one_period_after_the_last()
    {
        var script = new Script { Name = "s", LastStatus = true, LastExec = Now, Periodicity = Periodicity.Weekly };

        Assert.Equal(Now.AddDays(7), ScriptStatusRule.NextDue(script));
    }
}

/// <summary>SQLite computes the same status as C# for every kind of row, so sorting, filtering and counting agree with the chips.</summary>
public sealed class ScriptStatusInSqlTests : IAsyncLifetime
{
    private readonly CoreServices _core = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Sqlite_and_csharp_agree_on_every_status()
    {
        var now = _core.Clock.GetUtcNow().UtcDateTime;
        var minutes = new[] { 0, 30, 49, 50, 59, 60, 61, 23 * 60, 24 * 60, 150 * 60, 168 * 60, 712 * 60, 730 * 60, 800 * 60 };
        foreach (var p in new Periodicity?[] { null, Periodicity.Hourly, Periodicity.Daily, Periodicity.Weekly, Periodicity.Monthly })
            foreach (var status in new bool?[] { true, false, null })
                foreach (var m in minutes)
                    await _core.Get<ScriptWriter>().CreateAsync(new ScriptChanges
                    {
                        Name = $"{p}-{status}-{m}", Status = status, Periodicity = p,
                        LastExec = status is null ? (DateTime?)null : now - TimeSpan.FromMinutes(m),
                    });

        var queries = _core.Get<DashboardQueries>();
        var all = await queries.PageAsync(new DashboardQuery(Take: 1000));
        foreach (var wanted in Enum.GetValues<ScriptStatus>())
        {
            var inSql = await queries.PageAsync(new DashboardQuery(Status: wanted, Take: 1000));
            var inCsharp = all.Rows.Where(r => r.Status == wanted || (wanted == ScriptStatus.Ok && r.Status == ScriptStatus.Soon));
            Assert.Equal(inCsharp.Select(r => r.Id).Order(), inSql.Rows.Select(r => r.Id).Order());
        }
        var counts = await queries.CountsAsync();
        Assert.Equal(all.Rows.Count(r => r.Status == ScriptStatus.Late), counts.Late);
        Assert.Equal(all.Total, counts.Total);
        Assert.Contains(all.Rows, r => r.Status == ScriptStatus.Soon);
        Assert.Contains(all.Rows, r => r.Status == ScriptStatus.Late);
    }

    [Fact]
    public async Task Every_column_sorts_both_ways_with_unscheduled_scripts_last_by_next_due()
    {
        var now = _core.Clock.GetUtcNow().UtcDateTime;
        var writer = _core.Get<ScriptWriter>();
        await writer.CreateAsync(new ScriptChanges { Name = "b", Server = "x", Status = true, LastExec = now.AddHours(-1), Periodicity = Periodicity.Daily });
        await writer.CreateAsync(new ScriptChanges { Name = "a", Server = "z", Status = true, LastExec = now.AddHours(-2), Periodicity = Periodicity.Hourly });
        await writer.CreateAsync(new ScriptChanges { Name = "c", Server = "y", Status = true, LastExec = now.AddHours(-3) });
        var queries = _core.Get<DashboardQueries>();

        async Task<string> Order(DashboardSort sort, bool desc) =>
            string.Concat((await queries.PageAsync(new DashboardQuery(Sort: sort, Descending: desc))).Rows.Select(r => r.Name));

        Assert.Equal("abc", await Order(DashboardSort.Name, false));
        Assert.Equal("cba", await Order(DashboardSort.Name, true));
        Assert.Equal("bca", await Order(DashboardSort.Server, false));
        Assert.Equal("cab", await Order(DashboardSort.LastRun, false));
        Assert.Equal("abc", await Order(DashboardSort.Periodicity, false));
        Assert.Equal("abc", await Order(DashboardSort.NextDue, false)); // a is due an hour ago, b in 23 h, c never
        Assert.Equal("bac", await Order(DashboardSort.NextDue, true));
        Assert.Equal("abc", await Order(DashboardSort.Status, false)); // late first
    }
}
