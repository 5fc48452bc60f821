using Microsoft.Data.Sqlite;

namespace Scripto.Core.Persistence;

/// <summary>Does the database answer? For health checks: what a load balancer or a monitor of the monitor asks.</summary>
public static class DatabaseProbe
{
    /// <summary>
    /// Opens a connection of its own (not a pooled one that may hold a file since deleted, and never creating a
    /// missing file) and reads from the scripts table. Null when it answers, else why not.
    /// </summary>
    public static async Task<string?> ProblemAsync(ScriptoOptions options, CancellationToken cancellationToken = default) =>
        options.OnPostgres ? await PostgresProblemAsync(options.ConnectionString, cancellationToken) : await ProblemAsync(options.ConnectionString, cancellationToken);

    /// <summary>PostgreSQL: a connection from the pool (a server's database cannot be deleted under it) reads from the scripts table.</summary>
    private static async Task<string?> PostgresProblemAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM (SELECT 1 FROM scripts LIMIT 1) AS one", connection) { CommandTimeout = 5 };
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (Npgsql.NpgsqlException e)
        {
            return e.Message;
        }
    }

    public static async Task<string?> ProblemAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false, DefaultTimeout = 5 };
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate) builder.Mode = SqliteOpenMode.ReadWrite;
        try
        {
            await using var connection = new SqliteConnection(builder.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM (SELECT 1 FROM Scripts LIMIT 1)";
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (SqliteException e)
        {
            return e.Message;
        }
    }
}
