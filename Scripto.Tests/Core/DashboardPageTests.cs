using Microsoft.EntityFrameworkCore;
using Scripto.Core.Persistence;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>
/// The dashboard's default order (problems first, latest run first) when many scripts failed: its pages are read from
/// the failed scripts alone while they fill the page, and stay right when fewer failed than the last count said.
/// </summary>
public sealed class DashboardPageTests
{
    [Fact]
    public async Task Pages_of_many_failed_scripts_come_latest_first_and_the_scripts_after_them_follow_once_most_recovered()
    {
        await using var core = new CoreServices();
        var writer = core.Get<ScriptWriter>();
        var queries = core.Get<DashboardQueries>();
        for (var i = 0; i < 5; i++)
        {
            await writer.ReportAsync($"ok-{i}.sh", "web-1", new ScriptReport(Signal.Success));
            core.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        for (var i = 0; i < 25; i++)
        {
            await writer.ReportAsync($"failed-{i:D2}.sh", "db-1", new ScriptReport(Signal.Failure, 1));
            core.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Equal(25, (await queries.CountsAsync()).Failing); // the count the pages are planned by

        async Task<string[]> PageAsync(int skip) =>
            (await queries.PageAsync(new DashboardQuery(Skip: skip, Take: 5))).Rows.Select(r => r.Name).ToArray();

        Assert.Equal(["failed-24.sh", "failed-23.sh", "failed-22.sh", "failed-21.sh", "failed-20.sh"], await PageAsync(0));
        Assert.Equal(["failed-19.sh", "failed-18.sh", "failed-17.sh", "failed-16.sh", "failed-15.sh"], await PageAsync(5));
        var failingOnly = await queries.PageAsync(new DashboardQuery(Status: StatusFilter.Failing, Skip: 5, Take: 5));
        Assert.Equal(["failed-19.sh", "failed-18.sh", "failed-17.sh", "failed-16.sh", "failed-15.sh"], failingOnly.Rows.Select(r => r.Name));
        Assert.Equal(25, failingOnly.Total);

        // All but the three oldest failed ones recover, with no count since: the first page is those three, then the
        // latest runs that went well (a page read from the failed ones alone would stop at three rows).
        for (var i = 3; i < 25; i++)
        {
            await writer.ReportAsync($"failed-{i:D2}.sh", "db-1", new ScriptReport(Signal.Success));
            core.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var first = await queries.PageAsync(new DashboardQuery(Skip: 0, Take: 5));
        Assert.Equal(["failed-02.sh", "failed-01.sh", "failed-00.sh", "failed-24.sh", "failed-23.sh"], first.Rows.Select(r => r.Name));
        Assert.Equal([ScriptStatus.Failed, ScriptStatus.Failed, ScriptStatus.Failed, ScriptStatus.Ok, ScriptStatus.Ok], first.Rows.Select(r => r.Status));
        Assert.Equal(30, first.Total);
    }

    [Fact]
    public async Task SQLite_reads_a_page_of_failed_scripts_down_the_last_run_index_instead_of_sorting_the_whole_table()
    {
        await using var core = new CoreServices();
        await using var db = await core.Get<IDbContextFactory<ScriptoDbContext>>().CreateDbContextAsync();
        var status = ScriptStatusRule.At(core.Clock.GetUtcNow().UtcDateTime);
        var text = DashboardQueries.FailedPage(db.Scripts, new DashboardQuery(Skip: 50, Take: 50), status).ToQueryString();

        // ToQueryString gives the parameters as ".param set @name value" lines, then the statement.
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        var lines = text.Split('\n');
        foreach (var line in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
        {
            var (name, value) = (line.Split(' ')[2], string.Join(' ', line.Split(' ').Skip(3)));
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value.StartsWith('\'') ? value.Trim('\'') : long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            explain.Parameters.Add(parameter);
        }
        explain.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));

        Assert.Contains(plan, step => step.Contains("USING INDEX IX_scripts_last_exec", StringComparison.Ordinal));
        Assert.DoesNotContain("USE TEMP B-TREE FOR ORDER BY", plan); // a sort of every row (its last two terms, among equal times, are sorted)
    }
}
