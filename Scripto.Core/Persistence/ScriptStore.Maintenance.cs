using System.Text.Json;
using System.Data.Common;
using Scripto.Core.Maintenance;
using Scripto.Core.Scripts;

namespace Scripto.Core.Persistence;

/// <summary>The writer's statements for maintenance windows: rare (a window starts, ends or changes), so not prepared.</summary>
internal sealed partial class ScriptStore
{
    /// <summary>The windows that may still cover something at or after <paramref name="now"/>.</summary>
    public List<MaintenanceWindow> OpenWindows(DateTime now)
    {
        using var command = Command(
            "SELECT id, servers, names, tags, starts_at, ends_at, cron, time_zone, duration_seconds, ended_at FROM maintenance_windows "
            + "WHERE (ended_at IS NULL OR ended_at > @now) AND (cron IS NOT NULL OR ends_at > @now)", ("@now", now));
        using var reader = command.ExecuteReader();
        var windows = new List<MaintenanceWindow>();
        while (reader.Read())
            windows.Add(new MaintenanceWindow
            {
                Id = reader.GetInt64(0), Servers = List(reader, 1), Names = List(reader, 2), Tags = List(reader, 3),
                StartsAt = Utc(reader, 4), EndsAt = Utc(reader, 5), Cron = reader.IsDBNull(6) ? null : reader.GetString(6),
                TimeZone = reader.IsDBNull(7) ? null : reader.GetString(7), DurationSeconds = reader.IsDBNull(8) ? null : reader.GetInt64(8),
                EndedAt = Utc(reader, 9),
            });
        return windows;
    }

    /// <summary>What a window's scope reads of scripts: every script, or only those a window covered (to clear them).</summary>
    public List<Script> ScopeRows(bool all)
    {
        using var command = Command("SELECT id, name, server, tags, maintenance_until FROM scripts" + (all ? "" : " WHERE maintenance_until IS NOT NULL"));
        using var reader = command.ExecuteReader();
        var scripts = new List<Script>();
        while (reader.Read())
            scripts.Add(new Script
            {
                Id = reader.GetInt64(0), Name = reader.GetString(1), Server = reader.GetString(2), Tags = reader.GetString(3),
                MaintenanceUntil = Utc(reader, 4),
            });
        return scripts;
    }

    /// <summary>
    /// Sets a script's window end, and moves the hold of its announcements still waiting to match: to the new end,
    /// or to now when no window covers it any more (ended early), so they go out at once.
    /// </summary>
    public void SetMaintenance(long id, DateTime? until, DateTime now)
    {
        using (var set = Command("UPDATE scripts SET maintenance_until = @until WHERE id = @id", ("@until", until), ("@id", id)))
            set.ExecuteNonQuery();
        using var hold = Command("UPDATE alert_events SET hold_until = @hold WHERE script_id = @id AND hold_until > @now",
            ("@hold", until ?? now), ("@id", id), ("@now", now));
        hold.ExecuteNonQuery();
    }

    /// <summary>A statement of its own, rare, on scopes of scripts: what was held back goes first, and the rows kept are forgotten.</summary>
    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        Settle();
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = _dialect.Value(value);
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>A list of strings as EF stores it: a JSON array on SQLite, a text[] on PostgreSQL.</summary>
    private static List<string> List(DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? [] : reader.GetValue(i) switch
        {
            string[] array => [.. array],
            var json => JsonSerializer.Deserialize<List<string>>((string)json) ?? [],
        };

    private static DateTime? Utc(DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : DateTime.SpecifyKind(reader.GetDateTime(i), DateTimeKind.Utc);
}
