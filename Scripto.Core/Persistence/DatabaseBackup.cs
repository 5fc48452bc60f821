using Microsoft.Data.Sqlite;

namespace Scripto.Core.Persistence;

/// <summary>
/// A consistent copy of the database taken while Scripto runs: <c>VACUUM INTO</c> reads one snapshot (WAL lets
/// the writer go on meanwhile) and writes a compact, self-contained file that opens as a Scripto database.
/// </summary>
public static class DatabaseBackup
{
    public static void VacuumInto(string connectionString, string targetPath)
    {
        if (File.Exists(targetPath))
            throw new IOException($"{targetPath} already exists; a backup never overwrites a file.");
        var builder = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 };
        if (DatabaseSetup.DataSourcePath(connectionString) is not { } source || !File.Exists(source))
            throw new IOException($"There is no database at {DatabaseSetup.DataSourcePath(connectionString) ?? "(in memory)"} to back up.");
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $target";
        command.Parameters.AddWithValue("$target", targetPath);
        command.ExecuteNonQuery();
        // It holds key hashes and outputs, like the database (0600); VACUUM INTO creates it with the umask's mode.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(targetPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
