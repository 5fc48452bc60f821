namespace Scripto.Web.Components.Account;

/// <summary>Where to go after signing in: only a path on this site, never another site (an open redirect).</summary>
public static class LocalReturnUrl
{
    public static string Of(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//") && !url.StartsWith("/\\") ? Ascii(url) : "/";

    /// <summary>A Location header takes ASCII only: "/scripts/é" would throw; it goes as /scripts/%C3%A9.</summary>
    private static string Ascii(string url)
    {
        if (url.All(c => c is > ' ' and < '\u007F')) return url;
        var encoded = new System.Text.StringBuilder(url.Length * 2);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(url))
            if (b is > (byte)' ' and < 0x7F) encoded.Append((char)b);
            else encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        return encoded.ToString();
    }
}
