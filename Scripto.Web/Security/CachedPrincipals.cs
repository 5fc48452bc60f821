using System.Runtime.CompilerServices;
using System.Security.Claims;
using Scripto.Core.Keys;

namespace Scripto.Web.Security;

/// <summary>
/// A key, or an anonymous visitor with given scopes, is the same principal on every request: built once rather than
/// a list of claims per report. Keyed by the key object as loaded, so a key revoked (gone from the set) or
/// reloaded is never answered with an old principal. Nothing downstream changes a principal.
/// </summary>
internal static class CachedPrincipals
{
    private static readonly ConditionalWeakTable<ApiKey, ClaimsPrincipal> Keys = new();
    private static readonly ClaimsPrincipal?[] Anonymous = new ClaimsPrincipal?[(int)Scopes.Admin + 1];

    public static ClaimsPrincipal ForKey(ApiKey key) =>
        Keys.GetValue(key, ScopeClaims.ForKey);

    public static ClaimsPrincipal ForAnonymous(Scopes scopes) =>
        Anonymous[(int)scopes] ??= ScopeClaims.Principal("anonymous", scopes, "anonymous");
}
