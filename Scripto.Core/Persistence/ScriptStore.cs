using System.Data.Common;
using Microsoft.Data.Sqlite;
using Scripto.Core.Notifications.Alerts;
using Scripto.Core.Scripts;

namespace Scripto.Core.Persistence;

/// <summary>
/// The writer's statements, prepared once on its own connection and reused for every report. EF Core's change
/// tracking cost ~2x in throughput on this path (bench/README.md); the schema and every read stay EF Core's.
/// Used by the writer's loop only, inside its batch transaction. Written once for SQLite and PostgreSQL; the few
/// differences are the <see cref="SqlDialect"/>'s.
/// <para>
/// Inside a batch the store keeps the rows it locked, read or wrote (nobody else changes them until the commit:
/// PostgreSQL's are locked, SQLite has one writer), so reading one again costs nothing.
/// </para>
/// <para>
/// On PostgreSQL every statement is a round trip, and a report was three to five of them, each a wake-up of the
/// writer and of its backend (bench/README.md, "PostgreSQL write path"). There the store also holds back the writes
/// whose answer nothing needs (an UPDATE of a script, a run, a flip, an alert) to send them together, in order,
/// before the next statement that must see them and before the commit. A write that fails then fails the batch,
/// which the writer retries one change at a time, as it does any failure.
/// On SQLite, a statement is a function call: everything runs at once, and those writes run on SQLite's own
/// interface (<see cref="SqliteStatement"/>).
/// </para>
/// <para>
/// On both, a script's row changed in a batch is written once, with its last values, when something must see it
/// (a statement that reads scripts, the commit): a script reported many times in one batch is one UPDATE.
/// </para>
/// </summary>
internal sealed partial class ScriptStore : IDisposable
{
    private readonly DbConnection _connection;
    private readonly SqlDialect _dialect;
    private readonly List<DbCommand> _commands = [];
    private readonly DbCommand _load, _findByName, _lockName, _insert, _delete, _insertRun, _insertFlip,
        _overdue, _markDown, _postpone, _prune, _insertAlert, _recentDurations;
    private readonly DbCommand? _lockRows;
    private readonly DbBatch? _pending; // PostgreSQL: the writes held back, sent in one round trip
    private readonly Dictionary<long, Script> _rows = []; // the batch's rows as they stand, by id
    private readonly Dictionary<(string Name, string Server), long> _named = []; // the lowest id of a name the batch read or locked
    private readonly Dictionary<long, Script> _changedRows = []; // rows changed in the batch but not written yet, as they are stored; their new values are in _rows
    private readonly SqliteConnection? _sqlite; // SQLite: the writes run as SqliteStatements on its handle
    private readonly Dictionary<DbCommand, SqliteStatement> _statements = [];

    public ScriptStore(DbConnection connection, SqlDialect dialect)
    {
        _connection = connection;
        _dialect = dialect;
        _sqlite = dialect.IsPostgres ? null : connection as SqliteConnection;
        var columns = ScriptColumns.All.Select(c => c.Name).ToArray();
        _load = Prepare($"SELECT {ScriptColumns.SelectList} FROM scripts WHERE id = @id{dialect.ForUpdate}", "@id");
        _findByName = Prepare(dialect.FindByName(ScriptColumns.SelectList), "@name", "@server");
        _lockName = Prepare(SqlDialect.LockName, "@name", "@server");
        _insert = Prepare($"INSERT INTO scripts ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) RETURNING id",
            columns.Select(c => "@" + c).ToArray());
        _delete = Prepare("DELETE FROM scripts WHERE id = @id", "@id");
        _insertRun = Prepare("INSERT INTO runs (script_id, at, signal, exit_code, duration_ms, output, remote_address) VALUES (@script_id, @at, @signal, @exit_code, @duration_ms, @output, @remote_address)",
            "@script_id", "@at", "@signal", "@exit_code", "@duration_ms", "@output", "@remote_address");
        _insertFlip = Prepare("INSERT INTO flips (script_id, at, from_state, to_state, reason) VALUES (@script_id, @at, @from, @to, @reason)",
            "@script_id", "@at", "@from", "@to", "@reason");
        // Through the index of the scripts still to go down: those already down keep their down_at (their status
        // reads it) but are not in it, so they are never scanned again. On SQLite INDEXED BY fails here if it is gone.
        _overdue = Prepare(Overdue(dialect), "@now", "@limit");
        // The conditional flip: only if nothing (a report) moved the script since it was read. A silence is
        // announced at once, and good runs count again from none.
        _markDown = Prepare($"UPDATE scripts SET health = 'Down', alerting = TRUE, streak = {dialect.Least("streak", "0")} WHERE id = @id AND {dialect.AwaitingDown} AND down_at <= @now", "@id", "@now");
        _postpone = Prepare("UPDATE scripts SET down_at = @until WHERE id = @id", "@id", "@until");
        _insertAlert = Prepare("INSERT INTO alert_events (script_id, at, down, anomaly, reason, hold_until) VALUES (@script_id, @at, @down, @anomaly, @reason, @hold_until)",
            "@script_id", "@at", "@down", "@anomaly", "@reason", "@hold_until");
        _recentDurations = Prepare("SELECT duration_ms FROM runs WHERE script_id = @id AND duration_ms > 0 ORDER BY id DESC LIMIT @limit", "@id", "@limit");
        if (dialect.IsPostgres)
        {
            _lockRows = Prepare(LockRowsSql, "@ids", "@names", "@servers");
            _pending = connection.CreateBatch();
        }
        _prune = Prepare("DELETE FROM runs WHERE script_id = @id AND id <= (SELECT id FROM runs WHERE script_id = @id ORDER BY id DESC LIMIT 1 OFFSET @keep)", "@id", "@keep");
    }

    /// <summary>
    /// The rows a batch names, by id or by name and server, locked in id order: every node's writer then takes the
    /// rows two batches share in the same order and waits for the other instead of deadlocking with it (each
    /// locking its reports' rows in the order they came, two nodes' batches over the same scripts did, and
    /// PostgreSQL broke the cycle after deadlock_timeout by failing one). Run once at the start of a batch; the
    /// statements that read a row FOR UPDATE afterwards hold it already.
    /// </summary>
    internal static readonly string LockRowsSql =
        $"SELECT {ScriptColumns.SelectList} FROM scripts WHERE id = ANY(@ids) OR (name, server) IN (SELECT n, s FROM unnest(@names, @servers) AS t(n, s)) ORDER BY id FOR UPDATE";

    internal static string Overdue(SqlDialect dialect) =>
        $"SELECT id FROM scripts{dialect.IndexedBy(ScriptConfiguration.AwaitingDownIndex)} WHERE {dialect.AwaitingDown} AND down_at <= @now ORDER BY down_at LIMIT @limit";

    internal static readonly string OverdueSql = Overdue(SqlDialect.Sqlite);

    /// <summary>v2's look-up on SQLite (see <see cref="SqlDialect.FindByName"/>).</summary>
    internal static readonly string FindByNameSql = SqlDialect.Sqlite.FindByName(ScriptColumns.SelectList);

    private readonly Dictionary<int, DbCommand> _updates = [];
    private DbTransaction? _transaction;

    public DbTransaction? Transaction
    {
        set
        {
            _transaction = value;
            foreach (var command in _commands) command.Transaction = value;
            // A new batch, or the end of one (committed, or rolled back with what was held back): start clean.
            _pending?.BatchCommands.Clear();
            _changedRows.Clear();
            _rows.Clear();
            _named.Clear();
        }
    }

    /// <summary>
    /// Whether the rows read or written are kept: inside a batch, where nobody else changes them (SQLite has one
    /// writer for the whole file; PostgreSQL's rows are locked until the commit). A hot script reported several times
    /// in one batch is then read once.
    /// </summary>
    private bool Keeping => _transaction is not null;

    /// <summary>Whether writes are held back, to be sent together: on PostgreSQL, inside a batch.</summary>
    private bool Holding => _pending is not null && _transaction is not null;

    public Script? Load(long id)
    {
        if (Keeping && _rows.TryGetValue(id, out var row)) return row.Snapshot();
        Flush(rows: false); // a row the batch changed is kept: this one is not among them
        return Keep(ReadOne(Bind(_load, id)));
    }

    /// <summary>Whether the batch's rows must be locked, in order, before they are changed: on PostgreSQL, where other nodes write too.</summary>
    public bool LocksRows => _lockRows is not null;

    /// <summary>Locks the rows of these scripts in id order (<see cref="LockRowsSql"/>); nothing to do on SQLite, which has one writer for the whole file.</summary>
    public void LockRows(long[] ids, string[] names, string[] servers)
    {
        if (_lockRows is null || ids.Length + names.Length == 0) return;
        Flush();
        using var reader = Bind(_lockRows, ids, names, servers).ExecuteReader();
        while (reader.Read())
        {
            var script = Keep(ScriptColumns.Read(reader))!;
            _named.TryAdd((script.Name, script.Server), script.Id); // in id order: the first is the one FindByName takes
        }
    }

    /// <summary>
    /// The script a v2 report names. On PostgreSQL, when there is none yet, the name stays locked until the commit
    /// (see <see cref="SqlDialect.LockName"/>) and is looked up again: another node may have created it meanwhile.
    /// </summary>
    public Script? FindByName(string name, string server)
    {
        if (Keeping && _named.TryGetValue((name, server), out var id) && _rows.TryGetValue(id, out var row))
            return row.Snapshot();
        Flush();
        var found = ReadOne(Bind(_findByName, name, server));
        if (found is not null || !_dialect.IsPostgres) return Named(Keep(found));
        Bind(_lockName, name, server).ExecuteNonQuery();
        return Named(Keep(ReadOne(Bind(_findByName, name, server))));
    }

    /// <summary>Keeps a copy of a row read in the batch (nobody else changes it until the commit).</summary>
    private Script? Keep(Script? script)
    {
        if (script is not null && Keeping) _rows[script.Id] = script.Snapshot();
        return script;
    }

    private Script? Named(Script? script)
    {
        if (script is not null && Keeping) _named[(script.Name, script.Server)] = script.Id;
        return script;
    }

    public long Insert(Script script)
    {
        Flush();
        BindScript(_insert, script);
        script.Id = (long)_insert.ExecuteScalar()!;
        Keep(script);
        return script.Id;
    }

    /// <summary>
    /// Stores a script's new values. Inside a batch the row is written once, when the batch's statements that must
    /// see it run or at the commit (<see cref="Flush"/>): a hot script reported 16 times in one batch costs one UPDATE
    /// and one change of its index entries, not 16; its runs are each appended as they come. Outside a batch, at once.
    /// </summary>
    public void Update(Script before, Script after)
    {
        if (!Keeping)
        {
            WriteRow(before, after);
            return;
        }
        _changedRows.TryAdd(after.Id, before); // the row as stored, the first time the batch changes it
        _rows[after.Id] = after.Snapshot();
        if (before.Name != after.Name || before.Server != after.Server) _named.Clear(); // which row a name finds first may change
    }

    /// <summary>Writes the rows the batch changed and has not written yet, each once, in the order first changed.</summary>
    private void WriteChangedRows()
    {
        if (_changedRows.Count == 0) return;
        foreach (var (id, stored) in _changedRows) WriteRow(stored, _rows[id]);
        _changedRows.Clear();
    }

    /// <summary>
    /// Stores the columns whose values changed, and nothing else: SQLite rewrites the index entries of every
    /// column an UPDATE sets, changed or not, and a v1 client sends its name and server with every report.
    /// One prepared statement per set of changed columns (a handful in practice).
    /// </summary>
    private void WriteRow(Script before, Script after)
    {
        var columns = ScriptColumns.All;
        var mask = 0;
        for (var i = 0; i < columns.Length; i++)
            if (!Equals(columns[i].Get(before), columns[i].Get(after))) mask |= 1 << i;
        if (mask == 0) return;
        if (!_updates.TryGetValue(mask, out var command))
        {
            var names = columns.Where((_, i) => (mask & (1 << i)) != 0).Select(c => c.Name).ToArray();
            command = Prepare($"UPDATE scripts SET {string.Join(", ", names.Select(c => $"{c} = @{c}"))} WHERE id = @id",
                [.. names.Select(c => "@" + c), "@id"]);
            command.Transaction = _transaction;
            _updates[mask] = command;
        }
        var p = 0;
        for (var i = 0; i < columns.Length; i++)
            if ((mask & (1 << i)) != 0) command.Parameters[p++].Value = _dialect.Value(columns[i].Get(after));
        command.Parameters[p].Value = after.Id;
        Write(command);
    }

    public long CountScripts()
    {
        Flush();
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "SELECT count(*) FROM scripts";
        return (long)command.ExecuteScalar()!;
    }

    public bool Delete(long id) => Bind(Changing(id, _delete), id).ExecuteNonQuery() > 0;

    public void Append(Run run) =>
        Write(Bind(_insertRun, run.ScriptId, run.At, run.Signal.ToString(), run.ExitCode, run.DurationMs, run.Output, run.RemoteAddress));

    public void Append(Flip flip) =>
        Write(Bind(_insertFlip, flip.ScriptId, flip.At, flip.From.ToString(), flip.To.ToString(), flip.Reason));

    public void Append(AlertEvent alert) =>
        Write(Bind(_insertAlert, alert.ScriptId, alert.At, alert.Down, alert.Anomaly, alert.Reason, alert.HoldUntil));

    /// <summary>
    /// A write whose answer nothing needs: run now on SQLite (and outside a batch), held back on PostgreSQL with
    /// its values as bound now (the command is bound again for the next one).
    /// </summary>
    private void Write(DbCommand command)
    {
        if (!Holding)
        {
            Execute(command);
            return;
        }
        var held = _pending!.CreateBatchCommand();
        held.CommandText = command.CommandText;
        foreach (DbParameter bound in command.Parameters)
        {
            var parameter = held.CreateParameter();
            parameter.ParameterName = bound.ParameterName;
            parameter.Value = bound.Value;
            held.Parameters.Add(parameter);
        }
        _pending.BatchCommands.Add(held);
    }

    /// <summary>Runs a statement now: on SQLite straight on its handle (<see cref="SqliteStatement"/>), prepared on first use.</summary>
    private int Execute(DbCommand command)
    {
        return _sqlite is null ? command.ExecuteNonQuery() : Statement(command).Execute(command.Parameters);
    }

    /// <summary>The command's statement on SQLite's own interface, prepared on first use.</summary>
    private SqliteStatement Statement(DbCommand command)
    {
        if (!_statements.TryGetValue(command, out var statement))
            _statements[command] = statement = new SqliteStatement(_sqlite!, command);
        return statement;
    }

    /// <summary>
    /// Writes the rows changed and not yet written, then sends the writes held back (PostgreSQL), in the order they
    /// were made, in one round trip: before a statement that reads or changes what they wrote, and at the commit.
    /// <paramref name="rows"/> false leaves the changed rows for later: for a statement that reads no script
    /// (runs) or only one the batch has not changed (a row it changed is kept, so never read again).
    /// </summary>
    public void Flush(bool rows = true)
    {
        if (rows) WriteChangedRows();
        if (_pending is not { BatchCommands.Count: > 0 }) return;
        _pending.Transaction = _transaction;
        try
        {
            _pending.ExecuteNonQuery();
        }
        finally
        {
            _pending.BatchCommands.Clear();
        }
    }

    /// <summary>A statement that changes a script's row by other means than <see cref="Update"/>: what was held back goes first, and the kept copy is dropped.</summary>
    private DbCommand Changing(long id, DbCommand command)
    {
        Flush();
        _rows.Remove(id);
        return command;
    }

    /// <summary>The ids of the scripts whose grace has run out with no report, oldest first.</summary>
    public List<long> Overdue(DateTime now, int limit)
    {
        Flush();
        using var reader = Bind(_overdue, now, limit).ExecuteReader();
        var ids = new List<long>();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>Moves a script's down time to <paramref name="until"/>: the worker looks at it again then.</summary>
    public void Postpone(long id, DateTime until) => Bind(Changing(id, _postpone), id, until).ExecuteNonQuery();

    public bool MarkDown(long id, DateTime now) => Bind(Changing(id, _markDown), id, now).ExecuteNonQuery() == 1;

    /// <summary>The durations of a script's latest timed runs, newest first (to tell an anomalous run).</summary>
    public List<long> RecentDurations(long scriptId, int limit)
    {
        Flush(rows: false); // runs only
        using var reader = Bind(_recentDurations, scriptId, limit).ExecuteReader();
        var durations = new List<long>(limit);
        while (reader.Read()) durations.Add(reader.GetInt64(0));
        return durations;
    }

    public int PruneRuns(long scriptId, int keep)
    {
        Flush();
        return Bind(_prune, scriptId, keep).ExecuteNonQuery();
    }

    /// <summary>
    /// Sends what was held back and forgets the rows kept: before the batch's other statements (EF Core's, on the
    /// same connection and transaction) read or change what this store wrote.
    /// </summary>
    public void Settle()
    {
        Flush();
        _rows.Clear();
        _named.Clear();
    }

    /// <summary>The script a query finds, if any: on SQLite read straight from the statement's columns (<see cref="SqliteStatement"/>).</summary>
    private Script? ReadOne(DbCommand command)
    {
        if (_sqlite is not null) return Statement(command).ReadOne(command.Parameters, ScriptColumns.Read);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ScriptColumns.Read(reader) : null;
    }

    private void BindScript(DbCommand command, Script script)
    {
        for (var i = 0; i < ScriptColumns.All.Length; i++)
            command.Parameters[i].Value = _dialect.Value(ScriptColumns.All[i].Get(script));
    }

    private DbCommand Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = _dialect.Value(values[i]);
        return command;
    }

    private DbCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }
        _commands.Add(command);
        return command;
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values) statement.Dispose();
        foreach (var command in _commands) command.Dispose();
        _pending?.Dispose();
    }
}
