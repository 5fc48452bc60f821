using Scripto.Core.Scripts;

namespace Scripto.Core.Reading;

/// <summary>
/// What the dashboard's status filter and counters select. Each means what its label says: "Failed" is the failed
/// ones only; the groups are named for what they hold.
/// </summary>
public sealed record StatusFilter(string WireName, string Label, IReadOnlyList<ScriptStatus> Statuses)
{
    /// <summary>The ones that need a person: their last run failed, or they went silent.</summary>
    public static readonly StatusFilter Failing = new("failing", "Failing (failed or down)", [ScriptStatus.Failed, ScriptStatus.Down]);

    /// <summary>Nothing missed: OK, due soon (v1's warning), or running within grace.</summary>
    public static readonly StatusFilter OnTime = new("ontime", "On time (OK, soon or running)", [ScriptStatus.Ok, ScriptStatus.Soon, ScriptStatus.Running]);

    public static StatusFilter Only(ScriptStatus status) => new(StatusWords.WireName(status), StatusWords.Label(status), [status]);

    /// <summary>The filter's options, groups first.</summary>
    public static readonly IReadOnlyList<StatusFilter> All =
        [Failing, OnTime, .. Enum.GetValues<ScriptStatus>().Select(Only)];

    public static StatusFilter? FromWireName(string? text) =>
        All.FirstOrDefault(f => string.Equals(f.WireName, text?.Trim(), StringComparison.OrdinalIgnoreCase));

    public bool Equals(StatusFilter? other) => other is not null && WireName == other.WireName;

    public override int GetHashCode() => WireName.GetHashCode(StringComparison.Ordinal);
}
