using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Scripto.Tests.Shared;

/// <summary>Reads the database directly, the way an operator with sqlite3 or psql would, bypassing the app.</summary>
public static class DatabaseContents
{
    /// <summary>A hash of every row of every table of ours: equal before and after means nothing was written.</summary>
    public static string Checksum(string connectionString) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Dump(connectionString))));

    /// <summary>Every row of every table, as text.</summary>
    public static string Dump(string connectionString)
    {
        var postgres = IsPostgres(connectionString);
        using System.Data.Common.DbConnection connection = postgres ? new Npgsql.NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = postgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var reader = select.ExecuteReader();
            text.Append(table).Append('\n');
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                    text.Append(reader.IsDBNull(i) ? "<null>" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// One value, from SQLite or PostgreSQL (told apart by the connection string): write SQL both accept. PostgreSQL's
    /// answer reads as SQLite's would (integers and booleans as longs, times as SQLite's text), so one assertion fits both.
    /// </summary>
    public static object? Scalar(string connectionString, string sql) => Column(connectionString, sql).FirstOrDefault();

    /// <summary>The first column of every row, as <see cref="Scalar"/> reads values.</summary>
    public static List<object?> Column(string connectionString, string sql)
    {
        using System.Data.Common.DbConnection connection = IsPostgres(connectionString)
            ? new Npgsql.NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<object?>();
        while (reader.Read())
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0) switch
            {
                int small => (long)small,
                short smaller => (long)smaller,
                bool flag => flag ? 1L : 0L,
                DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
                var value => value,
            });
        return values;
    }

    public static bool IsPostgres(string connectionString) => connectionString.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);
}
