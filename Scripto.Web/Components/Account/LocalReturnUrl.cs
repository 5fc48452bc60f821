namespace Scripto.Web.Components.Account;

/// <summary>Where to go after signing in: only a path on this site, never another site (an open redirect).</summary>
public static class LocalReturnUrl
{
    public static string Of(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
