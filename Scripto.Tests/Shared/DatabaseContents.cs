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

    /// <summary>One value, from SQLite or PostgreSQL (told apart by the connection string): write SQL both accept.</summary>
    public static object? Scalar(string connectionString, string sql)
    {
        using System.Data.Common.DbConnection connection = IsPostgres(connectionString)
            ? new Npgsql.NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() switch
        {
            int small => (long)small, // PostgreSQL's integer columns; SQLite answers every integer as a long
            var value => value,
        };
    }

    public static bool IsPostgres(string connectionString) => connectionString.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);
}
