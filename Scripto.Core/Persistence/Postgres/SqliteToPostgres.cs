using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Scripto.Core.Persistence.Postgres;

/// <summary>
/// Copies every row of a SQLite install into an empty PostgreSQL database whose tables the migrations made: the
/// scripts' tables and the users' alike, ids kept, in one transaction, each table through COPY, parents before
/// children; then each identity sequence is moved past the largest id copied. Both schemas must be current.
/// </summary>
public static class SqliteToPostgres
{
    /// <summary>Every table's rows on both sides once copied (equal, or the copy was rolled back).</summary>
    public sealed record TableCount(string Table, long Rows);

    public static List<TableCount> Copy(string sqliteConnectionString, string postgresConnectionString)
    {
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder(sqliteConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        source.Open();
        using var target = new NpgsqlConnection(postgresConnectionString);
        target.Open();
        using var transaction = target.BeginTransaction();
        var tables = TablesParentsFirst(target);
        foreach (var table in tables)
            if (Count(target, table) > 0)
                throw new InvalidOperationException($"the PostgreSQL database already holds rows in {table}: migrate into an empty database (only Scripto's migrations applied).");
        var sourceTables = SourceTables(source);
        var counts = new List<TableCount>();
        foreach (var table in tables)
        {
            var copied = sourceTables.Contains(table) ? CopyTable(source, target, table) : 0;
            if (Count(target, table) != copied) throw new InvalidOperationException($"{table}: {copied} rows read, {Count(target, table)} written.");
            counts.Add(new TableCount(table, copied));
        }
        MoveSequences(target);
        transaction.Commit();
        return counts;
    }

    /// <summary>
    /// Scripto's tables, each after the tables its foreign keys point at. Not the migration histories, nor the nodes'
    /// key ring (DataProtectionKeys): a SQLite install keeps its keys in a folder, and a node that started on the
    /// database already made the ring's first key, which must not make the database count as used.
    /// </summary>
    private static List<string> TablesParentsFirst(NpgsqlConnection target)
    {
        var tables = Strings(target, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
            + "AND table_name NOT IN ('__EFMigrationsHistory', '__users_migrations', 'DataProtectionKeys') ORDER BY table_name");
        var parents = tables.ToDictionary(t => t, _ => new HashSet<string>());
        using (var command = new NpgsqlCommand("SELECT c.relname, p.relname FROM pg_constraint f JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE f.contype = 'f' AND n.nspname = 'public'", target))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                if (reader.GetString(0) != reader.GetString(1) && parents.TryGetValue(reader.GetString(0), out var set)) set.Add(reader.GetString(1));
        var ordered = new List<string>();
        while (ordered.Count < tables.Count)
        {
            var next = tables.First(t => !ordered.Contains(t) && parents[t].All(ordered.Contains));
            ordered.Add(next);
        }
        return ordered;
    }

    private static long CopyTable(SqliteConnection source, NpgsqlConnection target, string table)
    {
        var columns = new List<(string Name, string Type)>();
        using (var command = new NpgsqlCommand("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @t ORDER BY ordinal_position", target))
        {
            command.Parameters.AddWithValue("t", table);
            using var reader = command.ExecuteReader();
            while (reader.Read()) columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        var list = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        using var select = source.CreateCommand();
        select.CommandText = $"SELECT {list} FROM \"{table}\"";
        using var rows = select.ExecuteReader();
        long copied = 0;
        using (var importer = target.BeginBinaryImport($"COPY \"{table}\" ({list}) FROM STDIN (FORMAT BINARY)"))
        {
            while (rows.Read())
            {
                importer.StartRow();
                for (var i = 0; i < columns.Count; i++)
                {
                    if (rows.IsDBNull(i)) importer.WriteNull();
                    else Write(importer, rows.GetValue(i), columns[i].Type, $"{table}.{columns[i].Name}");
                }
                copied++;
            }
            importer.Complete();
        }
        return copied;
    }

    /// <summary>A SQLite value (integer, real, text or blob) as the PostgreSQL column's type wants it.</summary>
    private static void Write(NpgsqlBinaryImporter importer, object value, string type, string column)
    {
        switch (type)
        {
            case "bigint": importer.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint); break;
            case "integer": importer.Write(Convert.ToInt32(value, CultureInfo.InvariantCulture), NpgsqlDbType.Integer); break;
            case "smallint": importer.Write(Convert.ToInt16(value, CultureInfo.InvariantCulture), NpgsqlDbType.Smallint); break;
            case "boolean": importer.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0, NpgsqlDbType.Boolean); break;
            case "double precision": importer.Write(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double); break;
            case "real": importer.Write(Convert.ToSingle(value, CultureInfo.InvariantCulture), NpgsqlDbType.Real); break;
            case "numeric": importer.Write(Convert.ToDecimal(value, CultureInfo.InvariantCulture), NpgsqlDbType.Numeric); break;
            case "bytea": importer.Write((byte[])value, NpgsqlDbType.Bytea); break;
            // SQLite keeps times as text, all UTC (EF's converters), some (Identity's lockout end) with an offset.
            case "timestamp with time zone":
                importer.Write(DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime, NpgsqlDbType.TimestampTz);
                break;
            // EF keeps a list of strings as a JSON array on SQLite, as text[] on PostgreSQL (only lists of strings here).
            case "ARRAY":
                importer.Write(System.Text.Json.JsonSerializer.Deserialize<string[]>((string)value) ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text);
                break;
            case "text" or "character varying": importer.Write(Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text); break;
            default: throw new InvalidOperationException($"{column}: no copy for PostgreSQL's {type}.");
        }
    }

    /// <summary>Identity columns go on after the largest id copied, so the next row PostgreSQL numbers does not collide.</summary>
    private static void MoveSequences(NpgsqlConnection target)
    {
        var identities = new List<(string Table, string Column)>();
        using (var command = new NpgsqlCommand("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'", target))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) identities.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (table, column) in identities)
        {
            using var move = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE(MAX(\"{column}\"), 1), MAX(\"{column}\") IS NOT NULL) FROM \"{table}\"", target);
            move.ExecuteNonQuery();
        }
    }

    private static HashSet<string> SourceTables(SqliteConnection source)
    {
        using var command = source.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private static long Count(NpgsqlConnection target, string table)
    {
        using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", target);
        return (long)command.ExecuteScalar()!;
    }

    private static List<string> Strings(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}
