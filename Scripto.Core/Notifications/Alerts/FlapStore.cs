using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Scripto.Core.Persistence;

namespace Scripto.Core.Notifications.Alerts;

/// <summary>
/// Writes a pass's changed flap states: one upsert per state on SQLite (one prepared statement, bound again for each:
/// in-process, no round trip), one for all of them on PostgreSQL (arrays, unnested). Under a burst of flips a pass
/// changes thousands; EF's SaveChanges tracked, compared and built SQL for each, most of the planner's CPU.
/// </summary>
internal static class FlapStore
{
    private const string Columns = "script_id, changes, flapping, last_change_at, down, reason";

    private const string OnConflict = " ON CONFLICT (script_id) DO UPDATE SET changes = excluded.changes, flapping = excluded.flapping,"
        + " last_change_at = excluded.last_change_at, down = excluded.down, reason = excluded.reason";

    /// <summary>Inside the pass's transaction.</summary>
    public static async Task WriteAsync(ScriptoDbContext db, IReadOnlyCollection<FlapState> states, CancellationToken cancellationToken)
    {
        if (states.Count == 0) return;
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection is NpgsqlConnection)
        {
            command.CommandText = $"INSERT INTO script_flaps ({Columns}) SELECT * FROM unnest(@ids, @changes, @flapping, @at, @down, @reason)" + OnConflict;
            Add(command, "ids", states.Select(s => s.ScriptId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            Add(command, "changes", states.Select(s => s.ChangesJson).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            Add(command, "flapping", states.Select(s => s.Flapping).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Boolean);
            Add(command, "at", states.Select(s => DateTime.SpecifyKind(s.LastChangeAt.ToUniversalTime(), DateTimeKind.Utc)).ToArray(),
                NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
            Add(command, "down", states.Select(s => s.Down).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Boolean);
            Add(command, "reason", states.Select(s => s.Reason).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        command.CommandText = $"INSERT INTO script_flaps ({Columns}) VALUES (@id, @changes, @flapping, @at, @down, @reason)" + OnConflict;
        var parameters = new[] { "id", "changes", "flapping", "at", "down", "reason" }.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        command.Prepare();
        foreach (var state in states)
        {
            parameters[0].Value = state.ScriptId;
            parameters[1].Value = state.ChangesJson;
            parameters[2].Value = state.Flapping;
            parameters[3].Value = state.LastChangeAt.ToUniversalTime(); // stored as EF stores it (UtcDateTimeConverter)
            parameters[4].Value = state.Down;
            parameters[5].Value = state.Reason;
            command.ExecuteNonQuery(); // SQLite's calls are synchronous; the async ones only wrap them
        }
    }

    private static void Add(DbCommand command, string name, object value, NpgsqlDbType type) =>
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
}
