using Scripto.Core.Keys;

namespace Scripto.Web.Security;

/// <summary>
/// What a person who signs in may do. A viewer carries a "scripto:role" = "viewer" claim; a person without one is an
/// admin, so everyone made before roles existed (and the first admin, from setup or configuration) stays one.
/// </summary>
public enum UserRole
{
    Admin,
    Viewer,
}

public static class UserRoles
{
    public const string ClaimType = "scripto:role";
    public const string ViewerValue = "viewer";

    /// <summary>A viewer sees (the dashboard, scripts, runs, the read API) and changes nothing, reports included.</summary>
    public static Scopes Scopes(this UserRole role) => role == UserRole.Viewer ? Core.Keys.Scopes.Read : Core.Keys.Scopes.Admin;

    public static string Name(this UserRole role) => role == UserRole.Viewer ? "viewer" : "admin";
}
