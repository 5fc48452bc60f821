using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;

namespace Scripto.Web.Api.V2;

/// <summary>
/// The request target as the client sent it. Kestrel and the query parser leave an escape they cannot decode as it
/// came ("%FF", an overlong "%C0%AF", "%zz"), and a ping would then create a script literally named "%C0%AF".
/// A ping's name and parameters must be percent-encoded UTF-8 ("%" itself travels as %25).
/// </summary>
internal static class RawTarget
{
    /// <summary>What is not well encoded: "name" for the path, else the query parameter; null when all is.</summary>
    public static string? Malformed(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw)) return null;
        var query = raw.IndexOf('?');
        if (!IsWellEncoded(query < 0 ? raw : raw[..query])) return "name";
        if (query < 0) return null;
        foreach (var pair in raw[(query + 1)..].Split('&'))
        {
            if (IsWellEncoded(pair)) continue;
            var key = pair.Split('=', 2)[0];
            return IsWellEncoded(key) && key.Length is > 0 and <= 40 ? Uri.UnescapeDataString(key) : "query";
        }
        return null;
    }

    /// <summary>The ping's name segment as the client sent it, decoded once; null without a raw target.</summary>
    public static string? Name(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || !raw.StartsWith('/')) return null;
        var path = raw.AsSpan(0, raw.IndexOf('?') is var q and >= 0 ? q : raw.Length);
        const string prefix = "/api/v2/ping/";
        if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var rest = path[prefix.Length..];
        var end = rest.IndexOf('/');
        return Uri.UnescapeDataString((end >= 0 ? rest[..end] : rest).ToString());
    }

    private static bool IsWellEncoded(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                    return false;
                bytes[count++] = b;
                i += 2;
            }
            else
            {
                var length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
                count += Encoding.UTF8.GetBytes(text.AsSpan(i, length), bytes.AsSpan(count));
                i += length - 1;
            }
        }
        return Utf8.IsValid(bytes.AsSpan(0, count));
    }
}
