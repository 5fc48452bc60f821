using Npgsql;

namespace Scripto.Core.Nodes;

/// <summary>The connections a node keeps open for its role (the leader's lock, the LISTEN), apart from the pool.</summary>
internal static class NodeConnections
{
    /// <summary>Advisory-lock key of the leadership: "SCRIPTO" + 1, apart from any other lock on the database.</summary>
    public const long LeaderKey = 0x53_43_52_49_50_54_4F_01;

    /// <summary>The channel every node LISTENs on and NOTIFYs its changes to.</summary>
    public const string ChangesChannel = "scripto_changes";

    /// <summary>
    /// A dedicated session: not pooled (closing it must end the session, and with it the lock or the LISTEN, not
    /// park it in a pool), with keepalives on, so that a dead server or a cut cable is noticed in seconds.
    /// </summary>
    public static NpgsqlConnection Dedicated(string connectionString, string purpose) => new(new NpgsqlConnectionStringBuilder(connectionString)
    {
        Pooling = false,
        ApplicationName = Named(connectionString, purpose),
        KeepAlive = 5,
        TcpKeepAlive = true,
        TcpKeepAliveTime = 5,
        TcpKeepAliveInterval = 1,
        Timeout = 5,
        CommandTimeout = 5,
    }.ConnectionString);

    /// <summary>
    /// The session's name in pg_stat_activity: the operator's Application Name (a node's name, say) and what the
    /// session is for, so that who holds the leader's lock is one query away.
    /// </summary>
    public static string Named(string connectionString, string purpose) =>
        $"{new NpgsqlConnectionStringBuilder(connectionString).ApplicationName ?? "scripto"} {purpose}";

    /// <summary>
    /// The server's side of the keepalives, for this session alone: a node whose machine vanished (no FIN) has its
    /// session ended, and its lock freed, after about 3 + 3 × 1 s instead of the kernel's two hours.
    /// </summary>
    public static async Task KeepAliveFromServerAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SET tcp_keepalives_idle = 3; SET tcp_keepalives_interval = 1; SET tcp_keepalives_count = 3", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
