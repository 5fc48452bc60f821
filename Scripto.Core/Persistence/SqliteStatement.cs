using System.Buffers;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Scripto.Core.Persistence;

/// <summary>
/// One of the writer's statements run on SQLite's own interface (SQLitePCL.raw): prepared once, bound by position,
/// stepped and reset; a query's row is read straight from its columns. Microsoft.Data.Sqlite's ExecuteNonQuery creates a reader per execution, finds each parameter
/// by name, formats every time through the culture machinery and re-checks the statement list: ~6 % of the server's
/// CPU at the hot report rate (bench/README.md, "Sixth pass"). The values are bound as that provider binds them
/// (strings and times as text in its format, numbers and booleans as integers), so EF Core reads what this writes
/// (ScriptColumnsTests). The command stays the one place that holds the SQL and its parameters.
/// </summary>
internal sealed class SqliteStatement : IColumnReader, IDisposable
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30); // Microsoft.Data.Sqlite's default command timeout

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _slots; // the statement's parameter number of each of the command's parameters, in order

    public SqliteStatement(SqliteConnection connection, DbCommand command)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v3(_db, command.CommandText, raw.SQLITE_PREPARE_PERSISTENT, out _statement, out var tail);
        SqliteException.ThrowExceptionForRC(rc, _db);
        if (!string.IsNullOrWhiteSpace(tail)) throw new ArgumentException("One statement only.", nameof(command));
        _slots = new int[command.Parameters.Count];
        for (var i = 0; i < _slots.Length; i++)
            _slots[i] = raw.sqlite3_bind_parameter_index(_statement, command.Parameters[i].ParameterName);
    }

    /// <summary>Runs the statement with the command's parameter values as they are bound now; the rows it changed.</summary>
    public int Execute(DbParameterCollection parameters)
    {
        try
        {
            Step(parameters);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>
    /// Runs a query with the command's parameter values and reads its first row, if any, through this statement's
    /// columns (<see cref="IColumnReader"/>): without the reader Microsoft.Data.Sqlite creates per execution.
    /// </summary>
    public T? ReadOne<T>(DbParameterCollection parameters, Func<IColumnReader, T> read) where T : class
    {
        try
        {
            return Step(parameters) ? read(this) : null;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Binds the values and steps once; whether it stopped on a row. The caller resets.</summary>
    private bool Step(DbParameterCollection parameters)
    {
        for (var i = 0; i < _slots.Length; i++)
            if (_slots[i] > 0) Bind(_slots[i], parameters[i].Value);
        int rc;
        var started = 0L;
        // As Microsoft.Data.Sqlite does: a lock another connection holds past busy_timeout is waited for again.
        while ((rc = raw.sqlite3_step(_statement)) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED or raw.SQLITE_LOCKED_SHAREDCACHE)
        {
            if (started == 0) started = Stopwatch.GetTimestamp();
            else if (Stopwatch.GetElapsedTime(started) >= BusyTimeout) break;
            raw.sqlite3_reset(_statement);
            Thread.Sleep(150);
        }
        if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW)) SqliteException.ThrowExceptionForRC(rc, _db);
        return rc == raw.SQLITE_ROW;
    }

    // The current row's columns, read as Microsoft.Data.Sqlite reads them (text as UTF-8, booleans and numbers as
    // integers, times as text in its format or else as DateTime.Parse reads it, a number as a Julian day).
    bool IColumnReader.IsNull(int i) => raw.sqlite3_column_type(_statement, i) == raw.SQLITE_NULL;
    string IColumnReader.Text(int i) => raw.sqlite3_column_text(_statement, i).utf8_to_string();
    long IColumnReader.Int64(int i) => raw.sqlite3_column_int64(_statement, i);
    int IColumnReader.Int32(int i) => checked((int)raw.sqlite3_column_int64(_statement, i));
    bool IColumnReader.Boolean(int i) => raw.sqlite3_column_int64(_statement, i) != 0;

    DateTime IColumnReader.Time(int i)
    {
        if (raw.sqlite3_column_type(_statement, i) is raw.SQLITE_INTEGER or raw.SQLITE_FLOAT)
            return DateTime.SpecifyKind(DateTime.FromOADate(raw.sqlite3_column_double(_statement, i) - 2415018.5), DateTimeKind.Utc);
        var text = raw.sqlite3_column_text(_statement, i).utf8_to_string();
        return DateTime.SpecifyKind(SqliteTime.TryParse(text, out var time) ? time : DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc);
    }

    private void Bind(int slot, object? value)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, slot),
            string text => BindText(slot, text),
            long number => raw.sqlite3_bind_int64(_statement, slot, number),
            int number => raw.sqlite3_bind_int64(_statement, slot, number),
            bool flag => raw.sqlite3_bind_int64(_statement, slot, flag ? 1 : 0),
            DateTime time => BindTime(slot, time),
            double real => raw.sqlite3_bind_double(_statement, slot, real),
            _ => throw new NotSupportedException($"The writer binds no {value.GetType().Name}."),
        };
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    private int BindText(int slot, string text)
    {
        // UTF-8 as Microsoft.Data.Sqlite encodes it (a lone surrogate becomes U+FFFD alike); SQLite copies the bytes.
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (length <= 512)
        {
            Span<byte> small = stackalloc byte[length];
            return raw.sqlite3_bind_text(_statement, slot, small[..Encoding.UTF8.GetBytes(text, small)]);
        }
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            return raw.sqlite3_bind_text(_statement, slot, rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private int BindTime(int slot, DateTime time)
    {
        Span<byte> text = stackalloc byte[SqliteTime.MaxLength];
        return raw.sqlite3_bind_text(_statement, slot, text[..SqliteTime.Format(time, text)]);
    }

    public void Dispose() => _statement.Dispose();
}
