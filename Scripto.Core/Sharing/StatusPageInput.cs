using Scripto.Core.Scripts;

namespace Scripto.Core.Sharing;

/// <summary>What an admin types for a status page; <see cref="Check"/> says what is wrong, by field.</summary>
public sealed record StatusPageInput(string? Slug, string? Title, IReadOnlyList<string> Tags, IReadOnlyList<string> Servers)
{
    private static readonly char[] Separators = [',', ';', '\n', '\r'];

    /// <summary>A form's list as typed: separated by commas, semicolons or lines, as the other forms take them.</summary>
    public static IReadOnlyList<string> ListOf(string? text) =>
        (text ?? "").Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public (StatusPage? Page, IReadOnlyList<FieldError> Errors) Check()
    {
        var errors = new List<FieldError>();
        var slug = (Slug ?? "").Trim();
        if (slug.Length is 0 or > StatusPage.MaxSlugLength || !char.IsAsciiLetterLower(slug[0]) && !char.IsAsciiDigit(slug[0])
            || !slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            errors.Add(new("slug", $"must be 1 to {StatusPage.MaxSlugLength} of a-z, 0-9 and '-', starting with a letter or digit"));
        var title = (Title ?? "").Trim();
        if (title.Length is 0 or > StatusPage.MaxTitleLength || title.Any(char.IsControl))
            errors.Add(new("title", $"must be 1 to {StatusPage.MaxTitleLength} characters"));

        var targets = new List<Target>();
        foreach (var given in Tags.Select(t => t.Trim()).Where(t => t.Length > 0).DistinctBy(t => t.ToLowerInvariant()))
        {
            if (ScriptTags.GivenError([given]) is { } error) errors.Add(new("tags", error)); // quoted as given, not lower-cased
            else targets.Add(Target.OfTag(given.ToLowerInvariant()));
        }
        foreach (var raw in Servers.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct())
        {
            // "web-1, app-2" as one server would show as Never reported for ever: a list given as one name is refused.
            if (raw.IndexOfAny(Separators) >= 0)
                errors.Add(new("servers", $"'{Excerpt.Of(raw)}' is not a server name: give each server on its own (separated by commas or lines)"));
            else if (ScriptNames.ServerError(raw) is { } error) errors.Add(new("servers", $"'{Excerpt.Of(raw)}' is not a server name: it {error}"));
            else targets.Add(Target.OfServer(raw));
        }
        if (targets.Count == 0 && errors.Count == 0) errors.Add(new("tags", "choose at least one tag or server"));
        if (targets.Count > StatusPage.MaxTargets) errors.Add(new("tags", $"at most {StatusPage.MaxTargets} tags and servers in all"));
        return errors.Count > 0 ? (null, errors) : (new StatusPage { Slug = slug, Title = title, Targets = targets }, errors);
    }
}
