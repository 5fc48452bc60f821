namespace Scripto.Core.Config;

/// <summary>
/// The configuration as code: what an install is set up to watch and tell, never its history or state, and no
/// secret. Property names become snake_case keys (status_pages, max_runtime), in YAML and JSON alike; absent (null)
/// fields are left out.
/// </summary>
public sealed record ConfigDocument(
    IReadOnlyList<ScriptConfig> Scripts,
    IReadOnlyList<ChannelConfig> Channels,
    IReadOnlyList<MaintenanceConfig> Maintenance,
    IReadOnlyList<StatusPageConfig> StatusPages);

/// <summary>A script in the v2 ping's words: <c>schedule</c>, or <c>cron</c> and <c>tz</c>; <c>grace</c> when not the default.</summary>
public sealed record ScriptConfig(
    string Name, string Server, string? Schedule, string? Cron, string? Tz, string? Grace, IReadOnlyList<string>? Tags,
    int Failures, int Recoveries, string? MaxRuntime, string? MinRuntime, bool Paused, bool? Heartbeat = null);

/// <summary>
/// A channel without its secret or token (they are write-only: never exported). A file to apply may carry them
/// (<c>secret</c>, <c>token</c>) for a channel new to that install; an existing channel keeps its own when it has none.
/// </summary>
public sealed record ChannelConfig(
    string Name, string Kind, string? Url, IReadOnlyList<string>? To, string? ChatId, IReadOnlyList<string>? Servers,
    IReadOnlyList<string>? Names, IReadOnlyList<string>? Tags, string GroupBy, string GroupWait, string GroupInterval,
    string? RepeatInterval, bool SendResolved, bool? Anomalies = null, string? Secret = null, string? Token = null);

public sealed record StatusPageConfig(string Slug, string Title, IReadOnlyList<string>? Tags, IReadOnlyList<string>? Servers);

/// <summary>
/// A maintenance window still to come or under way (ended and past ones are history, not configuration), in the
/// maintenance API's words: one-off <c>from</c>/<c>until</c>, or recurring <c>cron</c>, <c>time_zone</c>, <c>duration</c>.
/// </summary>
public sealed record MaintenanceConfig(
    IReadOnlyList<string>? Servers, IReadOnlyList<string>? Names, IReadOnlyList<string>? Tags, DateTime? From, DateTime? Until,
    string? Cron, string? TimeZone, string? Duration, string Reason);
