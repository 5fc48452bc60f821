using System.Security.Claims;
using Scripto.Core.Keys;

namespace Scripto.Web.Security;

/// <summary>Keys, people and anonymous visitors all become a principal with one "scope" claim per scope.</summary>
public static class ScopeClaims
{
    public const string Type = "scope";
    public const string Scheme = "Scripto";

    public static ClaimsPrincipal Principal(string name, Scopes scopes, string kind, params Claim[] more) =>
        new(new LimitedIdentity(Claims(name, scopes, kind, more), null));

    /// <summary>A key's principal, carrying its limits (none for an unlimited key).</summary>
    public static ClaimsPrincipal ForKey(ApiKey key) =>
        new(new LimitedIdentity(Claims($"key {key.Name}", key.Scopes, "key", [new Claim("scripto:key", key.Hash)]),
            key.Limits.IsNone ? null : key.Limits));

    /// <summary>The servers and names this request's key is limited to; null when unlimited (any other key, a person).</summary>
    public static KeyLimits? Limits(this ClaimsPrincipal user) => (user.Identity as LimitedIdentity)?.Limits;

    private static List<Claim> Claims(string name, Scopes scopes, string kind, Claim[] more)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new("scripto:kind", kind) };
        claims.AddRange(ScopeNames.All.Where(s => scopes.HasFlag(s.Scope)).Select(s => new Claim(Type, s.Name)));
        claims.AddRange(more);
        return claims;
    }

    /// <summary>Limits ride on the identity: read per request with one type test, never parsed from a claim.</summary>
    private sealed class LimitedIdentity : ClaimsIdentity
    {
        public LimitedIdentity(IEnumerable<Claim> claims, KeyLimits? limits) : base(claims, Scheme) => Limits = limits;

        private LimitedIdentity(LimitedIdentity other) : base(other) => Limits = other.Limits;

        public KeyLimits? Limits { get; }

        public override ClaimsIdentity Clone() => new LimitedIdentity(this);
    }

    public static bool Has(this ClaimsPrincipal user, Scopes scope) =>
        user.HasClaim(Type, ScopeNames.All.First(s => s.Scope == scope).Name);
}
