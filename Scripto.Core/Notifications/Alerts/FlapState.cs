using System.Text.Json;

namespace Scripto.Core.Notifications.Alerts;

/// <summary>A script's recent announcements, to tell flapping (more than FlapLimit changes in an hour) from news.</summary>
public sealed class FlapState
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public long ScriptId { get; set; }

    /// <summary>When it changed within the last hour, as stored.</summary>
    public string ChangesJson { get; set; } = "[]";

    /// <summary>Flapping: its changes are not announced until it has been stable for an hour.</summary>
    public bool Flapping { get; set; }
    public DateTime LastChangeAt { get; set; }

    /// <summary>Where it stands: down or up, and why.</summary>
    public bool Down { get; set; }
    public string Reason { get; set; } = "";

    public List<DateTime> Changes
    {
        get => JsonSerializer.Deserialize<List<DateTime>>(ChangesJson) ?? [];
        set => ChangesJson = JsonSerializer.Serialize(value);
    }
}

public enum FlapStep { Announce, StartsFlapping, Swallowed }

/// <summary>Flapping as a pure function of a script's recent changes.</summary>
public static class FlapRules
{
    /// <summary>Records a change; says whether to announce it, to announce that the script flaps, or to say nothing.</summary>
    public static FlapStep Change(FlapState state, AlertEvent change, int limit)
    {
        // Only whether there are more than `limit` within the hour is ever asked: the newest limit + 1 say it. A script
        // flapping all hour long would otherwise carry (and re-read, re-write as JSON on every change) thousands.
        var recent = state.Changes.Where(t => t > change.At - FlapState.Window).ToList();
        var changes = recent.Skip(Math.Max(0, recent.Count - limit)).Append(change.At).ToList();
        state.Changes = changes;
        state.LastChangeAt = change.At;
        state.Down = change.Down;
        state.Reason = change.Reason;
        if (state.Flapping) return FlapStep.Swallowed;
        if (changes.Count <= limit) return FlapStep.Announce;
        state.Flapping = true;
        return FlapStep.StartsFlapping;
    }

    /// <summary>A flapping script that has not changed for an hour has settled: its end state is told, once.</summary>
    public static bool Settled(FlapState state, DateTime now) => state.Flapping && now - state.LastChangeAt >= FlapState.Window;

    /// <summary>A state worth keeping: flapping, or with changes within the hour.</summary>
    public static bool Worth(FlapState state, DateTime now) => state.Flapping || now - state.LastChangeAt < FlapState.Window;
}
