using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Scripto.Core;
using Scripto.Core.Persistence;
using Scripto.Core.Persistence.Postgres;
using Scripto.Web.Security;

namespace Scripto.Web.Hosting;

/// <summary>
/// <c>Scripto.Web migrate-sqlite-to-postgres SQLITE_FILE</c>: copies a SQLite install (scripts, runs, flips, alert
/// state, keys, users, channels, maintenance windows, badges, status pages) into the PostgreSQL database the settings
/// name, which must be empty. Scripto must not run on the file meanwhile (its lock says so); the file is only read,
/// after its own pending migrations are applied as a start would.
/// </summary>
internal static class MigrateToPostgresCommand
{
    public const string Name = "migrate-sqlite-to-postgres";

    public static int Run(IConfiguration configuration, string sqliteFile)
    {
        var target = ScriptoApp.Database(configuration);
        if (!target.OnPostgres)
        {
            Console.Error.WriteLine("Set Database:Provider=Postgres and ConnectionStrings:Scripto to the (empty) PostgreSQL database to copy into.");
            return 2;
        }
        if (target.Problems() is { Count: > 0 } problems)
        {
            Console.Error.WriteLine(string.Join(" ", problems));
            return 2;
        }
        var path = Path.GetFullPath(sqliteFile);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"No SQLite database at {path}.");
            return 2;
        }
        var source = new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString;
        try
        {
            using (DatabaseLock.Acquire(source))
            {
                MigrateSqlite(source);
                MigratePostgres(target);
                var counts = SqliteToPostgres.Copy(source, target.ConnectionString);
                foreach (var (table, rows) in counts) Console.WriteLine($"{table,-24} {rows,12:N0}");
                Console.WriteLine($"Copied {counts.Sum(c => c.Rows):N0} rows from {path} into {ScriptoApp.PostgresName(target.ConnectionString)}.");
            }
            return 0;
        }
        catch (Exception e) when (e is DatabaseStartException or InvalidOperationException or Npgsql.NpgsqlException or SqliteException or IOException)
        {
            Console.Error.WriteLine($"Migration failed, nothing was copied: {e.Message}");
            return 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Both contexts' migrations on a SQLite database (the tests' template database uses it too).</summary>
    internal static void MigrateSqlite(string source)
    {
        DatabaseSetup.Migrate(new PooledDbContextFactory<ScriptoDbContext>(new DbContextOptionsBuilder<ScriptoDbContext>().UseSqlite(source).Options));
        using var users = new UsersDbContext(new DbContextOptionsBuilder<UsersDbContext>()
            .UseSqlite(source, sqlite => sqlite.MigrationsHistoryTable(UsersDbContext.HistoryTable)).Options);
        DatabaseSetup.ApplyPendingMigrations(users.Database, "users", NullLogger.Instance);
    }

    /// <summary>Both contexts' migrations on a PostgreSQL database, one node at a time (the tests' template database uses it too).</summary>
    internal static void MigratePostgres(ScriptoOptions target)
    {
        using var migrating = MigrationLock.Acquire(target.ConnectionString);
        using var scripts = new PostgresScriptoDbContext(new DbContextOptionsBuilder<PostgresScriptoDbContext>().UseNpgsql(target.ConnectionString).Options);
        DatabaseSetup.ApplyPendingMigrations(scripts.Database, "scripts", NullLogger.Instance);
        using var users = new PostgresUsersDbContext(new DbContextOptionsBuilder<PostgresUsersDbContext>()
            .UseNpgsql(target.ConnectionString, postgres => postgres.MigrationsHistoryTable(UsersDbContext.HistoryTable)).Options);
        DatabaseSetup.ApplyPendingMigrations(users.Database, "users", NullLogger.Instance);
    }
}
