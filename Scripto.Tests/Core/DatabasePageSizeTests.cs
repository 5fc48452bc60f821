using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>
/// The page size of the SQLite file: a file Scripto makes has small pages (each report's pages cost the log, the
/// checkpoint's copy and its sync a quarter of 4 KiB ones); a file made before keeps its 4 KiB pages and works as before.
/// </summary>
public sealed class DatabasePageSizeTests
{
    private static long PageSize(string connectionString) => Convert.ToInt64(DatabaseContents.Scalar(connectionString, "PRAGMA page_size"));

    [Fact]
    public async Task A_database_made_on_first_start_has_pages_of_1_KiB()
    {
        await using var app = new ScriptoFactory(TempDatabase.NewPath());
        var id = await app.CreateClient().CreateScriptAsync(new { name = "first.sh" });

        Assert.Equal(1024L, PageSize(app.ConnectionString));
        Assert.Equal(id, DatabaseContents.Scalar(app.ConnectionString, "SELECT id FROM scripts WHERE name = 'first.sh'"));
    }

    [Fact]
    public async Task A_database_made_with_4_KiB_pages_keeps_them_takes_reports_and_its_log_starts_over_at_its_limit()
    {
        var path = TempDatabase.NewPath();
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var make = old.CreateCommand();
            make.CommandText = "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE made_before(a); DROP TABLE made_before;";
            make.ExecuteNonQuery();
        }
        await using var core = new CoreServices(connectionString: $"Data Source={path}");
        var upkeep = core.Get<IEnumerable<IHostedService>>().OfType<StorageUpkeep>().Single();
        upkeep.LogLimitBytes = 256 * 4096; // 256 of this file's pages: read as 1 KiB pages, 1,024 would never be reached below
        var wal = new FileInfo(path + "-wal");

        var written = 0;
        while (!wal.Exists || wal.Length <= (256 + 32) * 4096L)
        {
            await core.Get<ScriptWriter>().ReportAsync($"job-{written % 50}", "db-1", new ScriptReport(Signal.Success, null, new string('x', 2000), null, null));
            written++;
            wal.Refresh();
        }
        var size = wal.Length;

        Assert.True(await upkeep.CheckpointOnceAsync()); // past its limit: the writer checkpointed, the log starts over
        for (var i = 0; i < written / 2; i++)
            await core.Get<ScriptWriter>().ReportAsync($"job-{i % 50}", "db-1", new ScriptReport(Signal.Success, null, new string('x', 2000), null, null));
        wal.Refresh();

        Assert.Equal(4096L, PageSize(core.ConnectionString));
        Assert.Equal(size, wal.Length); // written from the start of the log again: the file did not grow
        Assert.Equal((long)written + written / 2, DatabaseContents.Scalar(core.ConnectionString, "SELECT count(*) FROM runs"));
    }
}
