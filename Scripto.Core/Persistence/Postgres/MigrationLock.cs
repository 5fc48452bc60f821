using Npgsql;

namespace Scripto.Core.Persistence.Postgres;

/// <summary>
/// Nodes starting together migrate one at a time: a session-level advisory lock on a connection of its own, held
/// around every migration (the scripts' and the users'). The next node then finds nothing pending. The server
/// releases it if the node dies while migrating, so no leftover can block a later start.
/// </summary>
public sealed class MigrationLock : IDisposable
{
    /// <summary>Any fixed number: PostgreSQL's advisory locks are named by one bigint per database.</summary>
    private const long Key = 0x5C_0190_3149;

    private readonly NpgsqlConnection _connection;

    private MigrationLock(NpgsqlConnection connection) => _connection = connection;

    public static MigrationLock Acquire(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            connection.Open();
            using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
            command.ExecuteNonQuery();
            return new MigrationLock(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closing the session releases the lock.</summary>
    public void Dispose() => _connection.Dispose();
}
