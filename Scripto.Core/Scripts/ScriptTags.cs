namespace Scripto.Core.Scripts;

/// <summary>
/// A script's tags (db, nightly): lower-case words that the dashboard filters by and channels target. Stored as one
/// column, sorted and comma-joined ("db,nightly"), so that a filter is one LIKE over the row it already reads.
/// </summary>
public static class ScriptTags
{
    public const int MaxTags = 10;
    public const int MaxLength = 32;

    /// <summary>Reads "db, Nightly,db" as [db, nightly]: trimmed, lower-cased, once each, sorted; or says what is wrong.</summary>
    public static (IReadOnlyList<string> Tags, string? Error) Parse(string? text)
    {
        var given = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var tags = given.Select(t => t.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        if (tags.Count > MaxTags) return ([], $"must be at most {MaxTags} tags");
        if (GivenError(given) is { } error) return ([], error);
        return (tags, null);
    }

    /// <summary>The first of <paramref name="given"/> that is no tag, quoted as given ("'Nightly!' is not a tag…"), not as lower-cased.</summary>
    public static string? GivenError(IEnumerable<string> given)
    {
        foreach (var tag in given)
            if (TagError(tag.Trim().ToLowerInvariant()) is { } error) return $"'{Excerpt.Of(tag.Trim())}' {error}";
        return null;
    }

    /// <summary>One tag's rule: a letter or digit, then letters, digits, '-', '_', '.' or ':', at most 32 in all.</summary>
    public static string? TagError(string tag)
    {
        if (tag.Length > MaxLength) return $"is longer than {MaxLength} characters";
        if (tag.Length == 0 || !IsWordChar(tag[0]) || !tag.All(c => IsWordChar(c) || c is '-' or '_' or '.' or ':'))
            return "is not a tag: letters a-z, digits, and - _ . : after the first";
        return null;
    }

    /// <summary>The stored form of a list already parsed.</summary>
    public static string Join(IEnumerable<string> tags) => string.Join(',', tags);

    public static IReadOnlyList<string> Split(string stored) =>
        stored.Length == 0 ? [] : stored.Split(',');

    /// <summary>The needle that finds <paramref name="tag"/> in ("," + stored + ","), as SQL's LIKE or C#'s Contains does.</summary>
    public static string Needle(string tag) => "," + tag.Trim().ToLowerInvariant() + ",";

    private static bool IsWordChar(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';

}
