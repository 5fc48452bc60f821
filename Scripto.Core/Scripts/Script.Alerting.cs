namespace Scripto.Core.Scripts;

/// <summary>
/// Whether a script is announced as down, which is not quite its status: a script may have to fail several runs
/// in a row before anyone is told (FailureThreshold), and succeed several before it is resolved (RecoveryThreshold),
/// as Sentry Crons does. Late alone, New to Up and Paused to Up announce nothing.
/// </summary>
public sealed partial class Script
{
    public const int MaxThreshold = 100;

    /// <summary>Consecutive failed runs before the script is announced down (a silence counts at once).</summary>
    public int FailureThreshold { get; set; } = 1;

    /// <summary>Consecutive good runs before an announced script is resolved.</summary>
    public int RecoveryThreshold { get; set; } = 1;

    /// <summary>The finished runs in a row that ended alike: successes above zero, failures below; capped at ±100.</summary>
    public int Streak { get; set; }

    /// <summary>Announced as down: notifications have been (or are being) told, and will be told when it recovers.</summary>
    public bool Alerting { get; set; }

    private void CountRun(bool succeeded) =>
        Streak = succeeded ? Math.Min(Math.Max(Streak, 0) + 1, MaxThreshold) : Math.Max(Math.Min(Streak, 0) - 1, -MaxThreshold);

    /// <summary>
    /// Decides, after a change at <paramref name="now"/>, whether the script is now announced down: true when it
    /// just went down, false when it just recovered, null when nothing is to be said. <paramref name="finishedRun"/>
    /// tells a report of a finished run from an edit (an edit that brings a script back up resolves it at once).
    /// </summary>
    public bool? UpdateAlerting(DateTime now, bool finishedRun)
    {
        var status = ScriptStatusRule.UnmaskedOf(this, now); // in a window the announcement waits (AlertEvent.HoldUntil), the decision does not
        if (!Alerting)
        {
            var down = status == ScriptStatus.Down || (status == ScriptStatus.Failed && -Streak >= FailureThreshold);
            if (!down) return null;
            if (status == ScriptStatus.Down) Streak = Math.Min(Streak, 0); // a silence: good runs count again from none
            Alerting = true;
            return true;
        }
        var recovered = FlipStateAt(now) switch
        {
            FlipState.Up => !finishedRun || Streak >= RecoveryThreshold,
            FlipState.Paused or FlipState.New => true, // paused, or reset to never reported: nothing left to watch
            _ => false,
        };
        if (!recovered) return null;
        Alerting = false;
        return false;
    }

    public static string? ThresholdError(int value) =>
        value is >= 1 and <= MaxThreshold ? null : $"must be a whole number from 1 to {MaxThreshold}";
}
