using Scripto.Core.Persistence;

namespace Scripto.Web.Hosting;

/// <summary><c>Scripto.Web backup FILE</c>: copies the configured database into FILE, safely while Scripto runs.</summary>
internal static class BackupCommand
{
    public static int Run(IConfiguration configuration, string target)
    {
        var database = ScriptoApp.Database(configuration);
        var connectionString = database.ConnectionString;
        if (database.OnPostgres)
        {
            Console.Error.WriteLine("Scripto runs on PostgreSQL here (Database:Provider): back it up with pg_dump, e.g. "
                + "pg_dump --format=custom --file=scripto.dump DATABASE (restore with pg_restore).");
            return 2;
        }
        var path = Path.GetFullPath(target);
        try
        {
            DatabaseBackup.VacuumInto(connectionString, path);
        }
        catch (Exception e) when (e is IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"Backup failed: {e.Message}");
            return 1;
        }
        Console.WriteLine($"Backed up {DatabaseSetup.DataSourcePath(connectionString)} to {path} ({new FileInfo(path).Length:N0} bytes).");
        return 0;
    }
}
