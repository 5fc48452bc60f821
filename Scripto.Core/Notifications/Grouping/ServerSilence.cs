using Scripto.Core.Scripts;

namespace Scripto.Core.Notifications.Grouping;

/// <summary>A server found silent: since when, its last report then, and the heartbeat that said so (if one did).</summary>
public sealed record ServerQuiet(DateTime Since, DateTime? LastReport, string? Heartbeat);

/// <summary>
/// "Server silent" as a pure function of a server's scripts and the clock (Alertmanager's inhibition with
/// equal: [server]: one alert for the server stands for its scripts'). A server is silent when:
/// <list type="bullet">
/// <item>a script marked as its heartbeat is down (a run that did not report within grace): at once; or</item>
/// <item>at least two scripts were due since the server's last report (of any of its scripts), every one of them
/// is late or down, and the first of those dues is at least the longest grace among them ago.</item>
/// </list>
/// It ends when the server speaks: its heartbeat is no longer down, or (without one) any of its scripts reports.
/// Paused scripts do not count, nor scripts with no server (no host: nothing to be silent). Read from the stored
/// rows, it is the same after a restart and on a fake clock.
/// </summary>
public static class ServerSilence
{
    /// <summary>Scripts due since the last report needed to call a server silent without a heartbeat: one alone is just that script.</summary>
    public const int MinOverdue = 2;

    public static ServerQuiet? Of(IReadOnlyList<Script> scripts, DateTime now)
    {
        var live = scripts.Where(s => !s.Paused && s.Server.Length > 0).ToList();
        var last = LastReport(live);
        if (live.FirstOrDefault(s => s.Heartbeat && ScriptStatusRule.Of(s, now) == ScriptStatus.Down) is { } heartbeat)
            return new(heartbeat.DownAt ?? now, last, heartbeat.Name);
        var overdue = live.Where(s => s.DueAt is { } due && due <= now && (last is null || due > last)).ToList();
        if (overdue.Count < MinOverdue) return null;
        if (!overdue.All(s => ScriptStatusRule.Of(s, now) is ScriptStatus.Late or ScriptStatus.Down or ScriptStatus.Failed)) return null;
        var longestGrace = overdue.Max(s => s.DownAt is { } down && !s.IsRunning ? down - s.DueAt!.Value : TimeSpan.Zero);
        var since = overdue.Min(s => s.DueAt!.Value) + longestGrace;
        return now >= since ? new(since, last, null) : null;
    }

    /// <summary>Whether a server found silent has spoken since: its heartbeat is up again, or (without one) a script of it reported.</summary>
    public static bool Spoke(SilentServer silent, IReadOnlyList<Script> scripts, DateTime now)
    {
        var live = scripts.Where(s => !s.Paused).ToList();
        if (live.Count == 0) return true; // nothing left to wait for
        // Unmasked: a maintenance window opened on a silent server hides its heartbeat's Down, it does not make it speak.
        if (silent.Heartbeat is not null)
            return !live.Any(s => s.Heartbeat && ScriptStatusRule.UnmaskedOf(s, now) == ScriptStatus.Down);
        return LastReport(live) is { } last && (silent.LastReport is null || last > silent.LastReport);
    }

    /// <summary>The server's last report: the latest finish or start of any of its scripts.</summary>
    private static DateTime? LastReport(IEnumerable<Script> scripts) =>
        scripts.SelectMany(s => new[] { s.LastExec, s.StartedAt }).Max();
}
