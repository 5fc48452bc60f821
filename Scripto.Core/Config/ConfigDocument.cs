namespace Scripto.Core.Config;

/// <summary>
/// The configuration as code: what an install is set up to watch and tell, never its history or state, and no
/// secret. Property names become snake_case keys (status_pages, max_runtime), in YAML and JSON alike; absent (null)
/// fields are left out.
/// </summary>
public sealed record ConfigDocument(
    IReadOnlyList<ScriptConfig> Scripts,
    IReadOnlyList<ChannelConfig> Channels,
    IReadOnlyList<object> Maintenance,
    IReadOnlyList<StatusPageConfig> StatusPages);

/// <summary>A script in the v2 ping's words: <c>schedule</c>, or <c>cron</c> and <c>tz</c>; <c>grace</c> when not the default.</summary>
public sealed record ScriptConfig(
    string Name, string Server, string? Schedule, string? Cron, string? Tz, string? Grace, IReadOnlyList<string>? Tags,
    int Failures, int Recoveries, string? MaxRuntime, string? MinRuntime, bool Paused);

/// <summary>A channel without its secret or token (they are write-only: set them again where the file is applied).</summary>
public sealed record ChannelConfig(
    string Name, string Kind, string? Url, IReadOnlyList<string>? To, string? ChatId, IReadOnlyList<string>? Servers,
    IReadOnlyList<string>? Names, IReadOnlyList<string>? Tags, string GroupBy, string GroupWait, string GroupInterval,
    string? RepeatInterval, bool SendResolved);

public sealed record StatusPageConfig(string Slug, string Title, IReadOnlyList<string>? Tags, IReadOnlyList<string>? Servers);
