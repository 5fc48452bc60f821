using Microsoft.EntityFrameworkCore;
using Scripto.Core;
using Scripto.Core.Persistence;
using Scripto.Core.Reading;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>The status rule computed by the database (to sort, filter and count) agrees with the C# one, on each provider.</summary>
public sealed class StatusRuleSqlTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Every_state_reads_the_same_from_the_database_as_from_the_row(DatabaseProvider provider)
    {
        await using var core = new CoreServices(provider: provider);
        var writer = core.Get<ScriptWriter>();
        var hourly = (Optional<Schedule>)Schedule.Every(Periodicity.Hourly);
        await writer.CreateAsync(new ScriptChanges { Name = "never.sh" });
        await writer.ReportAsync("late.sh", "db-1", new ScriptReport(Signal.Success), hourly);
        await writer.ReportAsync("down.sh", "db-1", new ScriptReport(Signal.Success), hourly);
        core.Clock.Advance(TimeSpan.FromMinutes(30));
        await writer.ReportAsync("late.sh", "db-1", new ScriptReport(Signal.Success), hourly);
        core.Clock.Advance(TimeSpan.FromMinutes(62)); // late.sh is 2 min late (grace 6 min); down.sh is past its grace
        await writer.FlipOverdueAsync(core.Clock.GetUtcNow().UtcDateTime);
        await writer.ReportAsync("ok.sh", "db-1", new ScriptReport(Signal.Success), hourly);
        await writer.ReportAsync("failed.sh", "db-1", new ScriptReport(Signal.Failure, 1));
        await writer.ReportAsync("running.sh", "db-1", new ScriptReport(Signal.Start));
        var paused = await writer.ReportAsync("paused.sh", "db-1", new ScriptReport(Signal.Success));
        await writer.UpdateAsync(paused.Script!.Id, new ScriptChanges { Paused = true });
        var now = core.Clock.GetUtcNow().UtcDateTime;

        await using var db = await core.Get<IDbContextFactory<ScriptoDbContext>>().CreateDbContextAsync();
        var bySql = await db.Scripts.OrderBy(s => s.Id).Select(ScriptStatusRule.At(now)).ToListAsync();
        var byRow = (await db.Scripts.OrderBy(s => s.Id).ToListAsync()).Select(s => ScriptStatusRule.Of(s, now)).ToList();

        Assert.Equal(byRow, bySql);
        Assert.Equal([ScriptStatus.NeverReported, ScriptStatus.Late, ScriptStatus.Down, ScriptStatus.Ok, ScriptStatus.Failed, ScriptStatus.Running, ScriptStatus.Paused], bySql);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_dashboard_search_ignores_case_and_sorts_names_as_a_person_reads_them(DatabaseProvider provider)
    {
        await using var core = new CoreServices(provider: provider);
        var writer = core.Get<ScriptWriter>();
        foreach (var name in new[] { "m-backup.sh", "Z-Backup.sh", "c-other.sh", "a-backup.sh" })
            await writer.ReportAsync(name, "db-1", new ScriptReport(Signal.Success));

        var page = await core.Get<DashboardQueries>().PageAsync(new DashboardQuery(Search: "BACKUP", Sort: DashboardSort.Name));

        Assert.Equal(3, page.Total);
        Assert.Equal(["a-backup.sh", "m-backup.sh", "Z-Backup.sh"], page.Rows.Select(r => r.Script.Name)); // not Z first, as bytes would sort
    }
}
