using Microsoft.Data.Sqlite;
using Scripto.Core.Notifications.Alerts;
using Scripto.Core.Scripts;

namespace Scripto.Core.Persistence;

/// <summary>
/// The writer's statements, prepared once on its own connection and reused for every report. EF Core's change
/// tracking cost ~2x in throughput on this path (bench/README.md); the schema and every read stay EF Core's.
/// Used by the writer's loop only, inside its batch transaction.
/// </summary>
internal sealed partial class ScriptStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly List<SqliteCommand> _commands = [];
    private readonly SqliteCommand _load, _findByName, _insert, _delete, _insertRun, _insertFlip,
        _overdue, _markDown, _postpone, _prune, _insertAlert, _recentDurations;

    public ScriptStore(SqliteConnection connection)
    {
        _connection = connection;
        var columns = ScriptColumns.All.Select(c => c.Name).ToArray();
        _load = Prepare($"SELECT {ScriptColumns.SelectList} FROM scripts WHERE id = $id", "$id");
        _findByName = Prepare(FindByNameSql, "$name", "$server");
        _insert = Prepare($"INSERT INTO scripts ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))}) RETURNING id",
            columns.Select(c => "$" + c).ToArray());
        _delete = Prepare("DELETE FROM scripts WHERE id = $id", "$id");
        _insertRun = Prepare("INSERT INTO runs (script_id, at, signal, exit_code, duration_ms, output, remote_address) VALUES ($script_id, $at, $signal, $exit_code, $duration_ms, $output, $remote_address)",
            "$script_id", "$at", "$signal", "$exit_code", "$duration_ms", "$output", "$remote_address");
        _insertFlip = Prepare("INSERT INTO flips (script_id, at, from_state, to_state, reason) VALUES ($script_id, $at, $from, $to, $reason)",
            "$script_id", "$at", "$from", "$to", "$reason");
        // Through the index of the scripts still to go down: those already down keep their down_at (their status
        // reads it) but are not in it, so they are never scanned again. INDEXED BY fails here if it is gone.
        _overdue = Prepare(OverdueSql, "$now", "$limit");
        // The conditional flip: only if nothing (a report) moved the script since it was read. A silence is
        // announced at once, and good runs count again from none.
        _markDown = Prepare("UPDATE scripts SET health = 'Down', alerting = 1, streak = MIN(streak, 0) WHERE id = $id AND health <> 'Down' AND paused = 0 AND down_at <= $now", "$id", "$now");
        _postpone = Prepare("UPDATE scripts SET down_at = $until WHERE id = $id", "$id", "$until");
        _insertAlert = Prepare("INSERT INTO alert_events (script_id, at, down, anomaly, reason, hold_until) VALUES ($script_id, $at, $down, $anomaly, $reason, $hold_until)",
            "$script_id", "$at", "$down", "$anomaly", "$reason", "$hold_until");
        _recentDurations = Prepare("SELECT duration_ms FROM runs WHERE script_id = $id AND duration_ms > 0 ORDER BY id DESC LIMIT $limit", "$id", "$limit");
        _prune = Prepare("DELETE FROM runs WHERE script_id = $id AND id <= (SELECT id FROM runs WHERE script_id = $id ORDER BY id DESC LIMIT 1 OFFSET $keep)", "$id", "$keep");
    }

    internal const string OverdueSql =
        $"SELECT id FROM scripts INDEXED BY {ScriptConfiguration.AwaitingDownIndex} WHERE {ScriptConfiguration.AwaitingDown} AND down_at <= $now ORDER BY down_at LIMIT $limit";

    /// <summary>
    /// v2's look-up. BINARY: a name is a file name; backup.sh and Backup.sh are two scripts. The columns (and their
    /// index) are NOCASE, so a BINARY comparison alone cannot use the index and scanned every script: the NOCASE
    /// terms find the few case variants through the index, the BINARY ones keep the exact one.
    /// </summary>
    internal static readonly string FindByNameSql =
        $"SELECT {ScriptColumns.SelectList} FROM scripts WHERE name = $name AND server = $server "
        + "AND name = $name COLLATE BINARY AND server = $server COLLATE BINARY ORDER BY id LIMIT 1";

    private readonly Dictionary<int, SqliteCommand> _updates = [];
    private SqliteTransaction? _transaction;

    public SqliteTransaction? Transaction
    {
        set
        {
            _transaction = value;
            foreach (var command in _commands) command.Transaction = value;
        }
    }

    public Script? Load(long id) => ReadOne(Bind(_load, id));

    public Script? FindByName(string name, string server) => ReadOne(Bind(_findByName, name, server));

    public long Insert(Script script)
    {
        BindScript(_insert, script);
        return script.Id = (long)_insert.ExecuteScalar()!;
    }

    /// <summary>
    /// Stores the columns whose values changed, and nothing else: SQLite rewrites the index entries of every
    /// column an UPDATE sets, changed or not, and a v1 client sends its name and server with every report.
    /// One prepared statement per set of changed columns (a handful in practice).
    /// </summary>
    public void Update(Script before, Script after)
    {
        var columns = ScriptColumns.All;
        var mask = 0;
        for (var i = 0; i < columns.Length; i++)
            if (!Equals(columns[i].Get(before), columns[i].Get(after))) mask |= 1 << i;
        if (mask == 0) return;
        if (!_updates.TryGetValue(mask, out var command))
        {
            var names = columns.Where((_, i) => (mask & (1 << i)) != 0).Select(c => c.Name).ToArray();
            command = Prepare($"UPDATE scripts SET {string.Join(", ", names.Select(c => $"{c} = ${c}"))} WHERE id = $id",
                [.. names.Select(c => "$" + c), "$id"]);
            command.Transaction = _transaction;
            _updates[mask] = command;
        }
        var p = 0;
        for (var i = 0; i < columns.Length; i++)
            if ((mask & (1 << i)) != 0) command.Parameters[p++].Value = columns[i].Get(after) ?? DBNull.Value;
        command.Parameters["$id"].Value = after.Id;
        command.ExecuteNonQuery();
    }

    public long CountScripts()
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "SELECT count(*) FROM scripts";
        return (long)command.ExecuteScalar()!;
    }

    public bool Delete(long id) => Bind(_delete, id).ExecuteNonQuery() > 0;

    public void Append(Run run) =>
        Bind(_insertRun, run.ScriptId, run.At, run.Signal.ToString(), run.ExitCode, run.DurationMs, run.Output, run.RemoteAddress).ExecuteNonQuery();

    public void Append(Flip flip) =>
        Bind(_insertFlip, flip.ScriptId, flip.At, flip.From.ToString(), flip.To.ToString(), flip.Reason).ExecuteNonQuery();

    public void Append(AlertEvent alert) =>
        Bind(_insertAlert, alert.ScriptId, alert.At, alert.Down, alert.Anomaly, alert.Reason, alert.HoldUntil).ExecuteNonQuery();

    /// <summary>The ids of the scripts whose grace has run out with no report, oldest first.</summary>
    public List<long> Overdue(DateTime now, int limit)
    {
        using var reader = Bind(_overdue, now, limit).ExecuteReader();
        var ids = new List<long>();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>Moves a script's down time to <paramref name="until"/>: the worker looks at it again then.</summary>
    public void Postpone(long id, DateTime until) => Bind(_postpone, id, until).ExecuteNonQuery();

    public bool MarkDown(long id, DateTime now) => Bind(_markDown, id, now).ExecuteNonQuery() == 1;

    /// <summary>The durations of a script's latest timed runs, newest first (to tell an anomalous run).</summary>
    public List<long> RecentDurations(long scriptId, int limit)
    {
        using var reader = Bind(_recentDurations, scriptId, limit).ExecuteReader();
        var durations = new List<long>(limit);
        while (reader.Read()) durations.Add(reader.GetInt64(0));
        return durations;
    }

    public int PruneRuns(long scriptId, int keep) => Bind(_prune, scriptId, keep).ExecuteNonQuery();

    private static Script? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? ScriptColumns.Read(reader) : null;
    }

    private static void BindScript(SqliteCommand command, Script script)
    {
        for (var i = 0; i < ScriptColumns.All.Length; i++)
            command.Parameters[i].Value = ScriptColumns.All[i].Get(script) ?? DBNull.Value;
    }

    private static SqliteCommand Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        _commands.Add(command);
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands) command.Dispose();
    }
}
