using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>PostgreSQL's migrations: an empty database gets every table, and nodes starting at once migrate one at a time.</summary>
public sealed class PostgresMigrationTests
{
    [Fact]
    public async Task Two_nodes_starting_at_once_on_an_empty_database_both_start_and_migrate_it_once()
    {
        var database = await PostgresCluster.CreateDatabaseAsync();
        await using var a = ScriptoFactory.OnPostgres(database);
        await using var b = ScriptoFactory.OnPostgres(database);
        a.KeepDatabase = true;

        var clients = await Task.WhenAll(Task.Run(a.CreateClient), Task.Run(b.CreateClient));

        var created = await clients[0].PostAsync("/api/v2/ping/backup.sh?server=db-1", null);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var seen = await clients[1].GetAsync("/api/v1/script");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Contains("backup.sh", await seen.Content.ReadAsStringAsync());
        var migrations = typeof(Scripto.Core.Persistence.Postgres.PostgresScriptoDbContext).Assembly.GetTypes()
            .Count(t => t.Namespace == "Scripto.Core.Persistence.PostgresMigrations" && t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)));
        Assert.Equal((long)migrations, DatabaseContents.Scalar(database, "SELECT count(*) FROM \"__EFMigrationsHistory\""));
        var usersMigrations = typeof(Scripto.Web.Security.PostgresUsersDbContext).Assembly.GetTypes()
            .Count(t => t.Namespace == "Scripto.Web.Security.PostgresMigrations" && t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)));
        Assert.Equal((long)usersMigrations, DatabaseContents.Scalar(database, "SELECT count(*) FROM __users_migrations"));
    }

    [Fact]
    public async Task A_first_start_on_an_empty_database_logs_no_error()
    {
        var database = await PostgresCluster.CreateDatabaseAsync();
        await using var app = ScriptoFactory.OnPostgres(database);

        using var client = app.CreateClient();
        (await client.PostAsync("/api/v2/ping/backup.sh?server=db-1", null)).EnsureSuccessStatusCode();

        // EF Core's probe of a history table not yet there was four "fail:" lines an operator reads as a failed start.
        Assert.Empty(app.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"));
        Assert.Contains(app.Logs.Entries, e => e.Message.StartsWith("Migrated the scripts tables", StringComparison.Ordinal));
    }
}
