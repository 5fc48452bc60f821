namespace Scripto.Core.Sharing;

/// <summary>
/// A public page at /status/{slug}: the state and uptime of the tags and servers an admin chose, for anyone, with no
/// sign-in. It names what was chosen and the scripts within, nothing else.
/// </summary>
public sealed class StatusPage
{
    public const int MaxSlugLength = 64;
    public const int MaxTitleLength = 100;
    public const int MaxTargets = 50;

    public long Id { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";

    /// <summary>The chosen tags and servers, one a line ("tag db", "server db-1"): names hold no line breaks.</summary>
    public string TargetLines { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<Target> Targets
    {
        get => TargetLines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
        set => TargetLines = string.Join('\n', value.Select(t => $"{t.Kind.ToString().ToLowerInvariant()} {t.Value}"));
    }

    private static Target Parse(string line)
    {
        var space = line.IndexOf(' ');
        return new Target(Enum.Parse<TargetKind>(line[..space], ignoreCase: true), line[(space + 1)..]);
    }
}
