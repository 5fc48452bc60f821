using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Scripto.Core.Persistence;

public static class DatabaseSetup
{
    /// <summary>Creates the database file if needed, switches it to WAL and applies pending migrations.</summary>
    public static void Migrate(IDbContextFactory<ScriptoDbContext> factory)
    {
        using var db = factory.CreateDbContext();
        // WAL is a property of the file, kept across connections; set it before the first table exists.
        db.Database.OpenConnection();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        db.Database.Migrate();
        db.Database.CloseConnection();
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
