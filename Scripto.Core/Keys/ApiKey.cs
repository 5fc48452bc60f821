namespace Scripto.Core.Keys;

/// <summary>
/// An API key as stored: never the key itself, only its SHA-256 (keys are 256 random bits, so a fast hash is
/// enough: there is nothing to guess) and a prefix to recognise it by in a list.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string Hash { get; set; } = "";
    public Scopes Scopes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>The servers and names (comma-separated globs) a report key may write to; null: any (see <see cref="KeyLimits"/>).</summary>
    public string? ServerGlobs { get; set; }
    public string? NameGlobs { get; set; }

    /// <summary>The tags (comma-separated, exact) a report key may write to: scripts carrying one of them; null: any.</summary>
    public string? Tags { get; set; }

    /// <summary>What this key may write to: none for an admin key, which is never limited.</summary>
    public KeyLimits Limits => Scopes.HasFlag(Scopes.Admin) ? KeyLimits.None : KeyLimits.Parse(ServerGlobs, NameGlobs, Tags);

    /// <summary>Keys from configuration are not in the database: they are changed where they are written.</summary>
    public bool FromConfiguration { get; init; }
}
