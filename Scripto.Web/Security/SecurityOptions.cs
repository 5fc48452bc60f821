using Scripto.Core.Keys;

namespace Scripto.Web.Security;

/// <summary>The <c>Security</c> settings: anonymous access, keys written in configuration, the first admin.</summary>
public sealed class SecurityOptions
{
    public AnonymousAccess Anonymous { get; init; }
    public IReadOnlyList<ApiKey> ConfiguredKeys { get; init; } = [];
    public string? AdminUser { get; init; }
    public string? AdminPassword { get; init; }

    public static SecurityOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Security");
        var anonymousText = section["Anonymous"] ?? nameof(AnonymousAccess.Local);
        if (!Enum.TryParse<AnonymousAccess>(anonymousText, ignoreCase: true, out var anonymous) || !Enum.IsDefined(anonymous))
            throw new ArgumentException($"Security:Anonymous must be Local, Read, Full or None, not '{anonymousText}'.");

        var keys = new List<ApiKey>();
        foreach (var key in section.GetSection("ApiKeys").GetChildren())
        {
            var name = key["Name"] ?? $"configured key {key.Key}";
            var secret = key["Key"] ?? throw new ArgumentException($"Security:ApiKeys:{key.Key} needs a Key (the key, or sha256:<hex> of it).");
            if (!secret.StartsWith("sha256:", StringComparison.Ordinal) && secret.Length < 20)
                throw new ArgumentException($"Security:ApiKeys:{key.Key}: a key must be at least 20 characters (make one with: openssl rand -hex 24).");
            var scopes = ScopeNames.Parse(key["Scopes"])
                ?? throw new ArgumentException($"Security:ApiKeys:{key.Key}: Scopes must be report, read and/or admin, not '{key["Scopes"]}'.");
            try
            {
                keys.Add(ApiKeys.Configured(name, secret, scopes, key["Servers"], key["Names"], key["Tags"]));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Security:ApiKeys:{key.Key}: {e.Message.Split(" (Parameter")[0]}");
            }
        }
        return new SecurityOptions
        {
            Anonymous = anonymous,
            ConfiguredKeys = keys,
            AdminUser = section["Admin:User"],
            AdminPassword = section["Admin:Password"],
        };
    }
}
