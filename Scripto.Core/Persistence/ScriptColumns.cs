using System.Data.Common;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Core.Persistence;

/// <summary>
/// The scripts table as the writer's prepared statements see it: one list, so SELECT, INSERT and UPDATE cannot
/// disagree. Values are bound as EF Core stores them (enums as names, times as UTC text), so EF reads what the
/// writer writes; ScriptColumnsTests holds the two to the same columns and values.
/// </summary>
internal static class ScriptColumns
{
    public sealed record Column(string Name, Func<Script, object?> Get, Action<Script, IColumnReader, int> Set);

    public static readonly Column[] All =
    [
        new("name", s => s.Name, (s, r, i) => s.Name = r.Text(i)),
        new("server", s => s.Server, (s, r, i) => s.Server = r.Text(i)),
        new("created_at", s => s.CreatedAt, (s, r, i) => s.CreatedAt = Utc(r, i)!.Value),
        new("schedule_kind", s => s.ScheduleKind.ToString(), (s, r, i) => s.ScheduleKind = Enum.Parse<ScheduleKind>(r.Text(i))),
        new("period_seconds", s => s.PeriodSeconds, (s, r, i) => s.PeriodSeconds = Long(r, i)),
        new("cron", s => s.Cron, (s, r, i) => s.Cron = Text(r, i)),
        new("time_zone", s => s.TimeZone, (s, r, i) => s.TimeZone = Text(r, i)),
        new("grace_seconds", s => s.GraceSeconds, (s, r, i) => s.GraceSeconds = Long(r, i)),
        new("counting_since", s => s.CountingSince, (s, r, i) => s.CountingSince = Utc(r, i)),
        new("paused", s => s.Paused, (s, r, i) => s.Paused = r.Boolean(i)),
        new("health", s => s.Health.ToString(), (s, r, i) => s.Health = Enum.Parse<Health>(r.Text(i))),
        new("status", s => s.LastStatus, (s, r, i) => s.LastStatus = r.IsNull(i) ? null : r.Boolean(i)),
        new("last_exec", s => s.LastExec, (s, r, i) => s.LastExec = Utc(r, i)),
        new("started_at", s => s.StartedAt, (s, r, i) => s.StartedAt = Utc(r, i)),
        new("last_duration_ms", s => s.LastDurationMs, (s, r, i) => s.LastDurationMs = Long(r, i)),
        new("last_exit_code", s => s.LastExitCode, (s, r, i) => s.LastExitCode = r.IsNull(i) ? null : r.Int32(i)),
        new("due_at", s => s.DueAt, (s, r, i) => s.DueAt = Utc(r, i)),
        new("soon_at", s => s.SoonAt, (s, r, i) => s.SoonAt = Utc(r, i)),
        new("down_at", s => s.DownAt, (s, r, i) => s.DownAt = Utc(r, i)),
        new("failure_threshold", s => s.FailureThreshold, (s, r, i) => s.FailureThreshold = r.Int32(i)),
        new("recovery_threshold", s => s.RecoveryThreshold, (s, r, i) => s.RecoveryThreshold = r.Int32(i)),
        new("streak", s => s.Streak, (s, r, i) => s.Streak = r.Int32(i)),
        new("alerting", s => s.Alerting, (s, r, i) => s.Alerting = r.Boolean(i)),
        new("tags", s => s.Tags, (s, r, i) => s.Tags = r.Text(i)),
        new("max_runtime_seconds", s => s.MaxRuntimeSeconds, (s, r, i) => s.MaxRuntimeSeconds = Long(r, i)),
        new("min_runtime_seconds", s => s.MinRuntimeSeconds, (s, r, i) => s.MinRuntimeSeconds = Long(r, i)),
        new("heartbeat", s => s.Heartbeat, (s, r, i) => s.Heartbeat = r.Boolean(i)),
        new("maintenance_until", s => s.MaintenanceUntil, (s, r, i) => s.MaintenanceUntil = Utc(r, i)),
    ];

    public static readonly string SelectList = "id, " + string.Join(", ", All.Select(c => c.Name));


    public static Script Read(DbDataReader reader) => Read(new DbColumnReader(reader));

    public static Script Read(IColumnReader row)
    {
        var script = new Script { Id = row.Int64(0) };
        for (var i = 0; i < All.Length; i++) All[i].Set(script, row, i + 1);
        return script;
    }

    private static DateTime? Utc(IColumnReader r, int i) => r.IsNull(i) ? null : r.Time(i);
    private static long? Long(IColumnReader r, int i) => r.IsNull(i) ? null : r.Int64(i);
    private static string? Text(IColumnReader r, int i) => r.IsNull(i) ? null : r.Text(i);
}
