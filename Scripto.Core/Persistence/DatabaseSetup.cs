using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Scripto.Core.Persistence;

public static class DatabaseSetup
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// SQLite: makes the database file (readable by this user only), switches it to WAL and applies pending
    /// migrations; call while holding the <see cref="DatabaseLock"/>. PostgreSQL: applies pending migrations;
    /// call while holding the <see cref="Postgres.MigrationLock"/> (<see cref="LockForMigrations"/>).
    /// </summary>
    public static void Migrate(IDbContextFactory<ScriptoDbContext> factory, ILogger? log = null)
    {
        log ??= NullLogger.Instance;
        using var db = factory.CreateDbContext();
        if (!db.Database.IsSqlite())
        {
            ApplyPendingMigrations(db.Database, "scripts", log);
            return;
        }
        if (DataSourcePath(db.Database.GetConnectionString()!) is { } path) PrepareFile(path, log);
        // WAL is a property of the file, kept across connections; set it before the first table exists.
        db.Database.OpenConnection();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        ApplyPendingMigrations(db.Database, "scripts", log);
        db.Database.CloseConnection();
    }

    /// <summary>
    /// Migrates only when a migration is pending: EF Core takes its migration lock (a row in __EFMigrationsLock) on
    /// every Migrate(), and a process killed while holding it made every later start wait for ever. A row still
    /// there is such a leftover, since the <see cref="DatabaseLock"/> keeps any other Scripto process out.
    /// </summary>
    public static void ApplyPendingMigrations(DatabaseFacade database, string what, ILogger log)
    {
        // PostgreSQL: EF Core reads the history table to know what is pending, and on an empty database that read failed
        // (logged as four "fail:" lines, two per context, on a first start that went well). The table made first (IF NOT
        // EXISTS: a no-op once there), the read finds it empty. Under the MigrationLock, as the migration itself.
        if (!database.IsSqlite()) database.GetService<IHistoryRepository>().CreateIfNotExists();
        var pending = database.GetPendingMigrations().ToList();
        if (pending.Count == 0) return;
        if (database.IsSqlite()) ClearStaleMigrationLock(database, log);
        log.LogInformation("Migrating the {What} tables: {Migrations}...", what, string.Join(", ", pending));
        if (database.IsSqlite()) MigrateInOneTransaction(database);
        else database.Migrate();
        log.LogInformation("Migrated the {What} tables", what);
    }

    /// <summary>
    /// Applies every pending migration in one SQLite transaction. EF Core commits before and after each table rebuild
    /// (a dropped column), so a start killed there (systemd's stop timeout, the OOM killer) left a half-applied
    /// migration that every later start failed on ("duplicate column name"). Here a kill or a failing statement
    /// leaves the file as it was, and the next start migrates it from the beginning.
    /// </summary>
    private static void MigrateInOneTransaction(DatabaseFacade database)
    {
        var script = database.GetService<IMigrator>().GenerateScript(
            database.GetAppliedMigrations().LastOrDefault(), null, MigrationsSqlGenerationOptions.NoTransactions);
        database.OpenConnection();
        try
        {
            var connection = (SqliteConnection)database.GetDbConnection();
            // A rebuild drops the old table: with foreign keys on, that delete would cascade to the rows referring to
            // it. EF Core turns them off around a rebuild, but the pragma does nothing inside a transaction.
            var foreignKeys = Convert.ToInt64(Run(connection, null, "PRAGMA foreign_keys;"));
            Run(connection, null, "PRAGMA foreign_keys = OFF;");
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                Run(connection, transaction, script, scalar: false);
                if (Run(connection, transaction, "SELECT \"table\" || ' -> ' || parent FROM pragma_foreign_key_check LIMIT 1;") is string broken)
                    throw new InvalidOperationException($"The migration would leave a row of {broken} pointing at nothing; nothing was changed.");
                transaction.Commit();
            }
            Run(connection, null, $"PRAGMA foreign_keys = {foreignKeys};");
        }
        finally
        {
            database.CloseConnection();
        }
    }

    /// <summary>Runs every statement; with scalar, answers the first value of the first row (null when there is none).</summary>
    private static object? Run(SqliteConnection connection, SqliteTransaction? transaction, string sql, bool scalar = true)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0; // a migration of a large file takes as long as it takes
        return scalar ? command.ExecuteScalar() : command.ExecuteNonQuery();
    }

    private static void ClearStaleMigrationLock(DatabaseFacade database, ILogger log)
    {
        if (database.SqlQueryRaw<long>("SELECT count(*) AS Value FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'").AsEnumerable().Single() == 0)
            return;
        if (database.ExecuteSqlRaw("DELETE FROM __EFMigrationsLock") > 0)
            log.LogWarning("Cleared the migration lock left by a Scripto start that was killed while migrating");
    }

    /// <summary>On PostgreSQL, the lock that has nodes starting together migrate one at a time; null on SQLite (its DatabaseLock keeps a second process out altogether).</summary>
    public static IDisposable? LockForMigrations(ScriptoOptions options) =>
        options.OnPostgres ? Postgres.MigrationLock.Acquire(options.ConnectionString) : null;

    /// <summary>Creates the database's folder when it is missing (before anything else is written there).</summary>
    public static void EnsureFolder(string connectionString, ILogger log)
    {
        if (DataSourcePath(connectionString) is not { } path) return;
        var folder = Path.GetDirectoryName(path)!;
        if (Directory.Exists(folder)) return;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseStartException($"the database's folder {folder} does not exist and cannot be created ({e.Message}).");
        }
        log.LogInformation("Created the folder {Folder} for the database", folder);
    }

    /// <summary>
    /// Creates the file with mode 0600 (it holds key hashes and outputs; SQLite gives its -wal and -shm files the
    /// same mode), and tightens an existing file to 0600 too.
    /// </summary>
    private static void PrepareFile(string path, ILogger log)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            if (!File.Exists(path))
                new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }).Dispose();
            else if ((File.GetUnixFileMode(path) & ~OwnerOnly & ~UnixFileMode.UserExecute) != 0)
            {
                File.SetUnixFileMode(path, OwnerOnly);
                foreach (var suffix in new[] { "-wal", "-shm" })
                    if (File.Exists(path + suffix)) File.SetUnixFileMode(path + suffix, OwnerOnly);
                log.LogInformation("Made {Path} readable by its owner only (mode 0600): it holds key hashes and outputs", path);
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DatabaseStartException($"the database {path} cannot be created or opened by this user ({e.Message}).");
        }
    }

    /// <summary>The file a connection string points at, for messages and backups; null for in-memory databases.</summary>
    public static string? DataSourcePath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:"
            ? null
            : Path.GetFullPath(builder.DataSource);
    }
}
