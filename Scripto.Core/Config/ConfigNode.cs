namespace Scripto.Core.Config;

/// <summary>
/// A configuration file as read, YAML or JSON alike, before it means anything: mappings, lists and scalars, each
/// with the line it starts on (1-based), so that every mistake can name its line.
/// </summary>
public abstract record ConfigNode(int Line);

/// <summary>A scalar as written; null for YAML's null, ~ or nothing, and JSON's null.</summary>
public sealed record ConfigScalar(int Line, string? Value) : ConfigNode(Line);

public sealed record ConfigList(int Line, IReadOnlyList<ConfigNode> Items) : ConfigNode(Line);

/// <summary>A mapping's entries in file order (a key given twice stays twice, for the reader to refuse).</summary>
public sealed record ConfigMap(int Line, IReadOnlyList<ConfigEntry> Entries) : ConfigNode(Line);

public sealed record ConfigEntry(string Key, int Line, ConfigNode Value);
