namespace Scripto.Core.Notifications.Channels;

/// <summary>
/// A channel as a person or a script sends it, before validation: the API's JSON body and the page's form both
/// become this, and <see cref="ChannelRules"/> checks it once for both. Absent fields are null. Durations stay text
/// (30s, 5m, 1h30m, off) so that an error can quote them.
/// </summary>
public sealed record ChannelInput
{
    public string? Name { get; init; }
    public string? Kind { get; init; }
    public string? Url { get; init; }
    public IReadOnlyList<string>? To { get; init; }
    public string? Secret { get; init; }
    public string? Token { get; init; }
    public string? ChatId { get; init; }
    public IReadOnlyList<string>? Servers { get; init; }
    public IReadOnlyList<string>? Names { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public string? GroupBy { get; init; }
    public string? GroupWait { get; init; }
    public string? GroupInterval { get; init; }
    public string? RepeatInterval { get; init; }
    public bool? SendResolved { get; init; }
    public bool? Anomalies { get; init; }
}
