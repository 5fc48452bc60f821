using Scripto.Core.Persistence.Postgres;

namespace Scripto.Core.Persistence;

/// <summary>
/// The few places where the writer's SQL differs between SQLite and PostgreSQL. Everything else is written once, in
/// the SQL both accept: <c>@name</c> parameters, <c>TRUE</c>/<c>FALSE</c>, <c>RETURNING</c>, <c>LIMIT/OFFSET</c>.
/// </summary>
internal sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(postgres: false);
    public static readonly SqlDialect Postgres = new(postgres: true);

    private SqlDialect(bool postgres) => IsPostgres = postgres;

    public bool IsPostgres { get; }

    /// <summary>The scripts that may still go down by themselves: the filter of their index, spelled as that index's.</summary>
    public string AwaitingDown => IsPostgres ? PostgresScriptoDbContext.AwaitingDown : ScriptConfiguration.AwaitingDown;

    /// <summary>SQLite's planner must be told to use the partial index; PostgreSQL's finds it (and has no hint).</summary>
    public string IndexedBy(string index) => IsPostgres ? "" : $" INDEXED BY {index}";

    /// <summary>The smaller of two values: SQLite's two-argument MIN is PostgreSQL's LEAST.</summary>
    public string Least(string a, string b) => IsPostgres ? $"LEAST({a}, {b})" : $"MIN({a}, {b})";

    /// <summary>
    /// A row the batch may change: on PostgreSQL locked until the commit, so that another node's writer waits and
    /// then reads what this one wrote (never writes from a stale copy). SQLite has one writer for the whole file.
    /// </summary>
    public string ForUpdate => IsPostgres ? " FOR UPDATE" : "";

    /// <summary>
    /// v2's look-up, case-sensitive. SQLite: a name is a file name; backup.sh and Backup.sh are two scripts. The
    /// columns (and their index) are NOCASE, so a BINARY comparison alone cannot use the index and scanned every
    /// script: the NOCASE terms find the few case variants through the index, the BINARY ones keep the exact one.
    /// PostgreSQL's collation is deterministic: equality is exact already.
    /// </summary>
    public string FindByName(string selectList) =>
        $"SELECT {selectList} FROM scripts WHERE name = @name AND server = @server "
        + (IsPostgres ? "" : "AND name = @name COLLATE BINARY AND server = @server COLLATE BINARY ")
        + "ORDER BY id LIMIT 1" + ForUpdate;

    /// <summary>
    /// PostgreSQL: a lock on one name and server until the commit, taken before creating a script by its name, so
    /// that two nodes' first pings create one script (the second waits, then finds the first's). A lock rather
    /// than a unique index: v1 lets two scripts share a name and server, as it always did.
    /// </summary>
    public const string LockName = "SELECT pg_advisory_xact_lock(hashtextextended(@name, hashtextextended(@server, 0)))";

    /// <summary>A value as the provider binds it: PostgreSQL takes only UTC for its timestamptz (SQLite stores any time as written).</summary>
    public object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateTime { Kind: not DateTimeKind.Utc } time when IsPostgres => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => value,
    };
}
