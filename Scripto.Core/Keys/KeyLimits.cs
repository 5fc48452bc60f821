using Scripto.Core.Scripts;

namespace Scripto.Core.Keys;

/// <summary>
/// The scripts a limited report key may write to: servers and/or names, each a list of globs (<c>*</c> any run of
/// characters, <c>?</c> one), compared exactly as scripts are told apart (case counts); and/or tags (exact, as
/// tags are lower-case), of which the script must carry one. An empty list leaves that side open; a key limited
/// on several sides needs the script to match each. Written as comma-separated text.
/// </summary>
public sealed class KeyLimits
{
    public const int MaxTextLength = 1000;

    public static readonly KeyLimits None = new([], [], []);

    private KeyLimits(string[] servers, string[] names, string[] tags) => (Servers, Names, Tags) = (servers, names, tags);

    public IReadOnlyList<string> Servers { get; }
    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<string> Tags { get; }
    public bool IsNone => Servers.Count == 0 && Names.Count == 0 && Tags.Count == 0;

    /// <summary>Limits from their text ("db-*, web-1"); null or blank text is no limit on that side.</summary>
    public static KeyLimits Parse(string? servers, string? names, string? tags = null)
    {
        var s = Split(servers);
        var n = Split(names);
        var t = Split(tags?.ToLowerInvariant());
        return s.Length == 0 && n.Length == 0 && t.Length == 0 ? None : new(s, n, t);
    }

    /// <summary>What is wrong with the text of a limit, for the field that holds it; null when it is fine.</summary>
    public static string? Error(string? text) =>
        text is { Length: > MaxTextLength } ? $"must be at most {MaxTextLength} characters"
        : text is not null && text.Any(char.IsControl) ? "must not contain control characters"
        : null;

    /// <summary>What is wrong with the text of a tags limit: the length rule, then each tag's own rule.</summary>
    public static string? TagsError(string? text) =>
        Error(text) ?? ScriptTags.GivenError(Split(text));

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

    /// <summary>
    /// Why this key may not write to a script with these tags (stored form, "db,nightly"), naming the field; null
    /// when it carries one of the key's tags (or the key has none). Asked of the tags before a change and after it,
    /// so that a key can neither write to a script outside its tags nor move one out of them.
    /// </summary>
    public FieldError? TagRefusal(string tags)
    {
        if (Tags.Count == 0 || ScriptTags.Split(tags).Any(Tags.Contains)) return null;
        return new("tags", tags.Length == 0
            ? $"the script carries none of this key's tags ({Text(Tags)}): add one (tags=…)"
            : $"'{tags}' has none of this key's tags ({Text(Tags)})");
    }

    public static string Text(IReadOnlyList<string> globs) => string.Join(", ", globs);

    public override string ToString() =>
        IsNone ? "any script"
        : string.Join("; ", new[]
        {
            Servers.Count > 0 ? "servers " + Text(Servers) : null,
            Names.Count > 0 ? "names " + Text(Names) : null,
            Tags.Count > 0 ? "tags " + Text(Tags) : null,
        }.OfType<string>());

    private static string[] Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
}
