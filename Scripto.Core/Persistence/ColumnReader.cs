using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Scripto.Core.Persistence;

/// <summary>
/// The current row of a query, as <see cref="ScriptColumns"/> reads it: a provider's <see cref="DbDataReader"/>
/// (<see cref="DbColumnReader"/>), or on SQLite the writer's own statement stepped on the engine's interface
/// (<see cref="SqliteStatement"/>), without a reader per row. Times come back as UTC.
/// </summary>
internal interface IColumnReader
{
    bool IsNull(int i);
    string Text(int i);
    long Int64(int i);
    int Int32(int i);
    bool Boolean(int i);
    DateTime Time(int i);
}

/// <summary>A provider's reader as an <see cref="IColumnReader"/>.</summary>
internal sealed class DbColumnReader(DbDataReader reader) : IColumnReader
{
    public bool IsNull(int i) => reader.IsDBNull(i);
    public string Text(int i) => reader.GetString(i);
    public long Int64(int i) => reader.GetInt64(i);
    public int Int32(int i) => reader.GetInt32(i);
    public bool Boolean(int i) => reader.GetBoolean(i);

    public DateTime Time(int i) => DateTime.SpecifyKind(
        // SQLite keeps times as text: read in its one format directly (DateTime.Parse was ~1 % of the server's CPU).
        reader is SqliteDataReader && SqliteTime.TryParse(reader.GetString(i), out var time) ? time : reader.GetDateTime(i),
        DateTimeKind.Utc);
}
