using Scripto.Core;
using Scripto.Core.Keys;

namespace Scripto.Web.Security;

/// <summary>The <c>Security</c> settings: anonymous access, keys written in configuration, the first admin.</summary>
public sealed class SecurityOptions : ISettings
{
    public static string Section => "Security";

    /// <summary>Security:Anonymous: Local (the default), Read, Full or None.</summary>
    public AnonymousAccess Anonymous { get; set; }

    /// <summary>Security:ApiKeys: keys that exist as long as the settings name them, by their place in the list (or their name in an object).</summary>
    public Dictionary<string, ConfiguredKey> ApiKeys { get; set; } = [];

    /// <summary>Security:Admin: the first admin, made at start while nobody can sign in.</summary>
    public AdminAccount Admin { get; set; } = new();

    public IReadOnlyList<string> Problems() => [.. ApiKeys.Select(k => k.Value.Problem($"{Section}:ApiKeys:{k.Key}")).OfType<string>()];

    /// <summary>The configured keys as the key store holds them (only once <see cref="Problems"/> found none: the start stops otherwise).</summary>
    public IReadOnlyList<ApiKey> ConfiguredKeys() => [.. ApiKeys.Select(k => k.Value.ToKey(k.Key))];

    public sealed class AdminAccount
    {
        public string? User { get; set; }
        public string? Password { get; set; }
    }
}

/// <summary>One key of Security:ApiKeys: its secret (or only its SHA-256, "sha256:..."), name, scopes and limits.</summary>
public sealed class ConfiguredKey
{
    public string? Name { get; set; }
    public string? Key { get; set; }
    public string? Scopes { get; set; }
    public string? Servers { get; set; }
    public string? Names { get; set; }
    public string? Tags { get; set; }

    /// <summary>Why this key cannot be used, naming it by <paramref name="setting"/>; null when it can.</summary>
    public string? Problem(string setting)
    {
        if (Key is null) return $"{setting} needs a Key (the key, or sha256:<hex> of it).";
        if (!Key.StartsWith("sha256:", StringComparison.Ordinal) && Key.Length < 20)
            return $"{setting}: a key must be at least 20 characters (make one with: openssl rand -hex 24).";
        if (ScopeNames.Parse(Scopes) is not { } scopes) return $"{setting}: Scopes must be report, read and/or admin, not '{Scopes}'.";
        return ApiKeys.LimitsProblem(scopes, Servers, Names, Tags) is { } limits ? $"{setting}: {limits.Message}" : null;
    }

    public ApiKey ToKey(string id) =>
        ApiKeys.Configured(Name ?? $"configured key {id}", Key!, ScopeNames.Parse(Scopes)!.Value, Servers, Names, Tags);
}
