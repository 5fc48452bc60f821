using System.Security.Claims;
using Scripto.Core.Keys;

namespace Scripto.Web.Security;

/// <summary>Keys, people and anonymous visitors all become a principal with one "scope" claim per scope.</summary>
public static class ScopeClaims
{
    public const string Type = "scope";
    public const string Scheme = "Scripto";

    public static ClaimsPrincipal Principal(string name, Scopes scopes, string kind, params Claim[] more)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new("scripto:kind", kind) };
        claims.AddRange(ScopeNames.All.Where(s => scopes.HasFlag(s.Scope)).Select(s => new Claim(Type, s.Name)));
        claims.AddRange(more);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    public static bool Has(this ClaimsPrincipal user, Scopes scope) =>
        user.HasClaim(Type, ScopeNames.All.First(s => s.Scope == scope).Name);
}
