using Microsoft.EntityFrameworkCore;
using Scripto.Core.Maintenance;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Persistence;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;

namespace Scripto.Core.Config;

/// <summary>Reads the whole configuration into a <see cref="ConfigDocument"/>, in a stable order (scripts by server and name).</summary>
public sealed class ConfigExport(IDbContextFactory<ScriptoDbContext> contexts, TimeProvider clock)
{
    public async Task<ConfigDocument> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scripts = (await db.Scripts.ToListAsync(cancellationToken))
            .OrderBy(s => s.Server, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id).Select(Script).ToList();
        var channels = (await db.Channels.ToListAsync(cancellationToken)).OrderBy(c => c.Name, StringComparer.Ordinal).Select(Channel).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var windows = (await db.MaintenanceWindows.Where(w => w.EndedAt == null).OrderBy(w => w.Id).ToListAsync(cancellationToken))
            .Where(w => Exported(w, now)).Select(Window).ToList();
        var pages = (await db.StatusPages.OrderBy(p => p.Slug).ToListAsync(cancellationToken)).Select(Page).ToList();
        return new ConfigDocument(scripts, channels, windows, pages);
    }

    /// <summary>Whether a window is configuration (to come or under way) rather than history.</summary>
    internal static bool Exported(MaintenanceWindow w, DateTime now) => w.EndedAt is null && (w.Recurring || w.EndsAt > now);

    // One form per kind, shared with the import, which compares a stored thing with the file's in these words.

    internal static ChannelConfig Channel(Channel c) => new(
        c.Name, c.Kind, c.Url, NoneAsNull(c.To), c.ChatId, NoneAsNull(c.Servers), NoneAsNull(c.Names), NoneAsNull(c.Tags), c.GroupBy,
        ScheduleText.FormatInterval(c.GroupWait), ScheduleText.FormatInterval(c.GroupInterval),
        c.RepeatInterval is { } r ? ScheduleText.FormatInterval(r) : null, c.SendResolved, c.Anomalies ? true : null);

    internal static MaintenanceConfig Window(MaintenanceWindow w) => new(
        NoneAsNull(w.Servers), NoneAsNull(w.Names), NoneAsNull(w.Tags), w.StartsAt, w.EndsAt, w.Cron,
        w.TimeZone, w.Duration is { } d ? ScheduleText.FormatInterval(d) : null, w.Reason);

    internal static StatusPageConfig Page(StatusPage p) => new(p.Slug, p.Title,
        NoneAsNull(p.Targets.Where(t => t.Kind == TargetKind.Tag).Select(t => t.Value).ToList()),
        NoneAsNull(p.Targets.Where(t => t.Kind == TargetKind.Server).Select(t => t.Value).ToList()));

    internal static ScriptConfig Script(Script s)
    {
        var schedule = s.Schedule;
        var (every, cron, tz) = schedule.Kind switch
        {
            ScheduleKind.Period => (schedule.Periodicity is { } word ? word.ToString().ToLowerInvariant() : ScheduleText.FormatInterval(schedule.Period!.Value), null, null),
            ScheduleKind.Cron => ((string?)null, schedule.Cron, schedule.TimeZone ?? "UTC"),
            _ => ("none", null, null),
        };
        return new ScriptConfig(s.Name, s.Server, every, cron, tz,
            schedule.Grace is { } g ? ScheduleText.FormatInterval(g) : null, NoneAsNull(ScriptTags.Split(s.Tags)),
            s.FailureThreshold, s.RecoveryThreshold,
            s.MaxRuntimeSeconds is { } max ? ScheduleText.FormatInterval(TimeSpan.FromSeconds(max)) : null,
            s.MinRuntimeSeconds is { } min ? ScheduleText.FormatInterval(TimeSpan.FromSeconds(min)) : null,
            s.Paused, s.Heartbeat ? true : null);
    }

    private static IReadOnlyList<string>? NoneAsNull(IReadOnlyList<string> list) => list.Count == 0 ? null : list;
}
