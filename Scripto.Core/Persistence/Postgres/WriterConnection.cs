using Npgsql;
using Scripto.Core.Nodes;

namespace Scripto.Core.Persistence.Postgres;

/// <summary>
/// The writer's own PostgreSQL session, apart from EF Core's pool: it lives as long as the writer, so its
/// statements stay prepared on the server (Npgsql's automatic preparation: parsed and planned once, not on every
/// execution, which PostgreSQL's profile showed; bench/README.md, "PostgreSQL write path"). Only the writer's few
/// statements are prepared this way; EF Core's many reads keep the pool's defaults. A pooler in transaction mode
/// (pgbouncer before 1.21) cannot keep prepared statements: point Scripto at PostgreSQL itself, or at a pooler in
/// session mode.
/// </summary>
internal static class WriterConnection
{
    /// <summary>More than the writer's statements (a dozen, and one UPDATE per set of changed columns in use).</summary>
    private const int PreparedStatements = 64;

    public static NpgsqlConnection Create(string connectionString) => new(new NpgsqlConnectionStringBuilder(connectionString)
    {
        Pooling = false,
        ApplicationName = NodeConnections.Named(connectionString, "writer"),
        MaxAutoPrepare = PreparedStatements,
        AutoPrepareMinUsages = 2,
    }.ConnectionString);
}
