using Microsoft.AspNetCore.Authorization;
using Scripto.Core.Keys;

namespace Scripto.Web.Security;

/// <summary>One authorization policy per scope: [Authorize(Policy = Policies.Read)].</summary>
public static class Policies
{
    public const string Report = "report";
    public const string Read = "read";
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (_, name) in ScopeNames.All)
            options.AddPolicy(name, p => p.RequireClaim(ScopeClaims.Type, name));
    }
}
