using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>The database as the app leaves it on disk: created on first start, migrated, in WAL, durable across restarts.</summary>
public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task First_start_creates_the_file_applies_the_migrations_and_uses_wal()
    {
        await using var app = new ScriptoFactory(TempDatabase.NewPath());
        Assert.False(File.Exists(app.DatabasePath));

        _ = app.CreateClient();

        Assert.True(File.Exists(app.DatabasePath));
        Assert.Equal("wal", DatabaseContents.Scalar(app.ConnectionString, "PRAGMA journal_mode"));
        Assert.Equal(1L, DatabaseContents.Scalar(app.ConnectionString, "SELECT count(*) FROM __EFMigrationsHistory WHERE MigrationId LIKE '%_Initial'"));
    }

    [Fact]
    public async Task An_acknowledged_report_is_there_after_a_restart()
    {
        var path = TempDatabase.NewPath();
        long id;
        await using (var first = new ScriptoFactory(path) { KeepDatabase = true })
        {
            var client = first.CreateClient();
            id = await client.CreateScriptAsync(new { name = "kept.sh" });
            var put = await client.SendRawAsync("PUT", $"/api/v1/script/{id}", """{"status": 0, "periodicity": "hourly"}""");
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        await using var second = new ScriptoFactory(path);
        var body = await (await second.CreateClient().GetAsync($"/api/v1/script/{id}")).JsonAsync();

        Assert.False((bool)body["status"]!);
        Assert.Equal("hourly", (string?)body["periodicity"]);
    }
}
