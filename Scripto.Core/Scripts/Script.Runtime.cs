using Scripto.Core.Schedules;

namespace Scripto.Core.Scripts;

/// <summary>
/// Runtime limits: a run longer than MaxRuntime is down at once, not at the end of its grace; a run that finishes
/// faster than MinRuntime did not do its work (a backup of an empty disk) and counts as failed, "too short".
/// </summary>
public sealed partial class Script
{
    public static readonly TimeSpan MinRuntimeLimit = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRuntimeLimit = TimeSpan.FromDays(7);

    public long? MaxRuntimeSeconds { get; set; }
    public long? MinRuntimeSeconds { get; set; }

    public TimeSpan? MaxRuntime => MaxRuntimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
    public TimeSpan? MinRuntime => MinRuntimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null;

    /// <summary>How long a started run may last before it is down: its max runtime, else its schedule's grace.</summary>
    public TimeSpan RunLimit(DateTime startedAt) => MaxRuntime ?? Schedule.EffectiveGrace(startedAt);

    /// <summary>A success that came sooner than the minimum runtime: the reason it counts as failed, else null.</summary>
    public static string? TooShort(TimeSpan? duration, TimeSpan? minimum) =>
        duration is { } d && minimum is { } min && d < min
            ? $"too short: ran {ScheduleText.FormatInterval(d < TimeSpan.FromSeconds(1) ? TimeSpan.Zero : d)}, less than its minimum runtime of {ScheduleText.FormatInterval(min)}"
            : null;

    /// <summary>The rule for a limit given on its own: from 1 s to 7 days.</summary>
    public static string? RuntimeError(TimeSpan value) =>
        value >= MinRuntimeLimit && value <= MaxRuntimeLimit ? null : "must be from 1s to 7d";
}
