using System.Text.Json;

namespace Scripto.Core.Notifications.Alerts;

/// <summary>A script's recent announcements, to tell flapping (more than FlapLimit changes in an hour) from news.</summary>
public sealed class FlapState
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public long ScriptId { get; set; }

    private string? _changesJson = "[]";
    private List<DateTime>? _changes;

    /// <summary>When it changed within the last hour, as stored (written from <see cref="Changes"/> only when read).</summary>
    public string ChangesJson
    {
        get => _changesJson ??= JsonSerializer.Serialize(_changes);
        set => (_changesJson, _changes) = (value, null);
    }

    /// <summary>Flapping: its changes are not announced until it has been stable for an hour.</summary>
    public bool Flapping { get; set; }
    public DateTime LastChangeAt { get; set; }

    /// <summary>Where it stands: down or up, and why.</summary>
    public bool Down { get; set; }
    public string Reason { get; set; } = "";

    /// <summary>
    /// The same, parsed once and kept: the planner keeps its states between passes (FlapMemory), so a state that
    /// changes every pass is parsed once, not at every change, and written as JSON once per pass. Not to be changed in
    /// place: set a new list.
    /// </summary>
    public List<DateTime> Changes
    {
        get => _changes ??= JsonSerializer.Deserialize<List<DateTime>>(_changesJson!) ?? [];
        set => (_changes, _changesJson) = (value, null);
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
        var earlier = state.Changes;
        var since = change.At - FlapState.Window;
        var changes = new List<DateTime>(limit + 1);
        for (var i = earlier.Count - 1; i >= 0 && changes.Count < limit; i--) // the newest `limit` within the hour
            if (earlier[i] > since) changes.Add(earlier[i]);
        changes.Reverse();
        changes.Add(change.At);
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
