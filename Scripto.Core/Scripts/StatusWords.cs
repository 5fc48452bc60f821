namespace Scripto.Core.Scripts;

/// <summary>
/// The one vocabulary of states, for people (chips, filter, counters, timeline, logs) and on the wire (URLs,
/// /metrics, the v2 answer). Failed: the last run reported failure. Down: silent, with no report within grace of
/// its due time (or a run that started and did not finish within grace), whatever the last run said.
/// </summary>
public static class StatusWords
{
    public static string Label(ScriptStatus status) => status switch
    {
        ScriptStatus.Failed => "Failed",
        ScriptStatus.Down => "Down",
        ScriptStatus.Late => "Late",
        ScriptStatus.Running => "Running",
        ScriptStatus.Soon => "Soon",
        ScriptStatus.Ok => "OK",
        ScriptStatus.Maintenance => "Maintenance",
        ScriptStatus.Paused => "Paused",
        ScriptStatus.NeverReported => "Never reported",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status as URLs, /metrics' state label and the v2 answer spell it.</summary>
    public static string WireName(ScriptStatus status) => status switch
    {
        ScriptStatus.NeverReported => "never",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static ScriptStatus? FromWireName(string? text) =>
        Enum.GetValues<ScriptStatus>().Cast<ScriptStatus?>()
            .FirstOrDefault(s => string.Equals(WireName(s!.Value), text?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A recorded status change's ends, in the same words as the chips.</summary>
    public static string Label(FlipState state) => state switch
    {
        FlipState.New => "Never reported",
        FlipState.Up => "OK",
        FlipState.Failed => "Failed",
        FlipState.Down => "Down",
        FlipState.Paused => "Paused",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>What a run reported, in the same words: a run is OK or Failed, or it Started.</summary>
    public static string Label(Signal signal) => signal switch
    {
        Signal.Start => "Started",
        Signal.Success => "OK",
        Signal.Failure => "Failed",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, null),
    };
}
