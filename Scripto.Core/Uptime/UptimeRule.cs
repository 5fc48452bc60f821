using Scripto.Core.Scripts;

namespace Scripto.Core.Uptime;

/// <summary>What time in each recorded state counts for. One line per state.</summary>
public static class UptimeRule
{
    public enum Counts
    {
        /// <summary>Watched, and up.</summary>
        Up,

        /// <summary>Watched, and failing: a failed run, or silence past its grace.</summary>
        Down,

        /// <summary>Not watched: before the first report, or paused. Neither up nor down.</summary>
        NotWatched,
    }

    public static Counts Of(FlipState state) => state switch
    {
        FlipState.Up => Counts.Up,
        FlipState.Failed or FlipState.Down => Counts.Down,
        FlipState.New or FlipState.Paused => Counts.NotWatched,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "a new state must say here what its time counts for"),
    };
}
