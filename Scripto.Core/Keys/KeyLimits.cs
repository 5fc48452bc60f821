using Scripto.Core.Scripts;

namespace Scripto.Core.Keys;

/// <summary>
/// The scripts a limited report key may write to: servers and/or names, each a list of globs (<c>*</c> any run of
/// characters, <c>?</c> one), compared exactly as scripts are told apart (case counts). An empty list leaves that
/// side open; a key limited on both sides needs the script to match both. Written as comma-separated text.
/// </summary>
public sealed class KeyLimits
{
    public const int MaxTextLength = 1000;

    public static readonly KeyLimits None = new([], []);

    private KeyLimits(string[] servers, string[] names) => (Servers, Names) = (servers, names);

    public IReadOnlyList<string> Servers { get; }
    public IReadOnlyList<string> Names { get; }
    public bool IsNone => Servers.Count == 0 && Names.Count == 0;

    /// <summary>Limits from their text ("db-*, web-1"); null or blank text is no limit on that side.</summary>
    public static KeyLimits Parse(string? servers, string? names)
    {
        var s = Split(servers);
        var n = Split(names);
        return s.Length == 0 && n.Length == 0 ? None : new(s, n);
    }

    /// <summary>What is wrong with the text of a limit, for the field that holds it; null when it is fine.</summary>
    public static string? Error(string? text) =>
        text is { Length: > MaxTextLength } ? $"must be at most {MaxTextLength} characters"
        : text is not null && text.Any(char.IsControl) ? "must not contain control characters"
        : null;

    public bool Covers(string name, string server) =>
        (Servers.Count == 0 || Servers.Any(g => Glob.Matches(g, server))) && (Names.Count == 0 || Names.Any(g => Glob.Matches(g, name)));

    /// <summary>Why this key may not write to the script (name, server), naming the field; null when it may.</summary>
    public FieldError? Refusal(string name, string server)
    {
        if (Servers.Count > 0 && !Servers.Any(g => Glob.Matches(g, server)))
            return new("server", $"'{server}' is not among this key's servers ({Text(Servers)})");
        if (Names.Count > 0 && !Names.Any(g => Glob.Matches(g, name)))
            return new("name", $"'{name}' is not among this key's names ({Text(Names)})");
        return null;
    }

    public static string Text(IReadOnlyList<string> globs) => string.Join(", ", globs);

    public override string ToString() =>
        IsNone ? "any script"
        : string.Join("; ", new[] { Servers.Count > 0 ? "servers " + Text(Servers) : null, Names.Count > 0 ? "names " + Text(Names) : null }.OfType<string>());

    private static string[] Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
}
