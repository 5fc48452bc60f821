using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Scripto.Bench.Dashboard;

/// <summary>
/// Reads what the app committed, straight from its SQLite file (read-only; WAL lets the app keep writing): how many
/// runs were ever inserted, and each script's stored status, newest run and number of runs kept.
/// </summary>
public sealed class SoakDatabase(string path)
{
    public sealed record Stored(bool? Status, string? LastSignal, string? LastOutput, int Runs);

    /// <summary>Runs ever inserted: the AUTOINCREMENT counter of <c>runs</c> (pruning deletes rows, never lowers it).</summary>
    public long RunsInserted()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq FROM sqlite_sequence WHERE name = 'runs'";
        return command.ExecuteScalar() is { } seq and not DBNull ? Convert.ToInt64(seq, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Bytes of the database file and its write-ahead log, or of one of them (suffix "" or "-wal").</summary>
    public long SizeBytes(string? suffix = null) =>
        (suffix is null ? ["", "-wal"] : new[] { suffix }).Select(s => new FileInfo(path + s)).Where(f => f.Exists).Sum(f => f.Length);

    public Dictionary<long, Stored> Scripts()
    {
        using var connection = Open();
        var runs = new Dictionary<long, int>();
        using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT script_id, COUNT(*) FROM runs GROUP BY script_id";
            using var reader = count.ExecuteReader();
            while (reader.Read()) runs[reader.GetInt64(0)] = reader.GetInt32(1);
        }
        var stored = new Dictionary<long, Stored>();
        using var last = connection.CreateCommand();
        last.CommandText = """
            SELECT s.id, s.status, r.signal, r.output
            FROM scripts s
            LEFT JOIN runs r ON r.id = (SELECT MAX(id) FROM runs WHERE script_id = s.id)
            """;
        using (var reader = last.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                stored[id] = new Stored(
                    reader.IsDBNull(1) ? null : reader.GetInt64(1) != 0,
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    runs.GetValueOrDefault(id));
            }
        }
        return stored;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }
}
