using System.Globalization;
using System.Security;

namespace Scripto.Web.Sharing;

/// <summary>
/// A shields-style flat badge ("backup.sh | ok"): a grey label, a coloured message. Widths come from Verdana 11px's
/// character widths, roughly, as shields measures them; no font is loaded to draw it.
/// </summary>
public static class BadgeSvg
{
    public const int MaxLabelLength = 40;

    public static string Render(string label, string message, string colour)
    {
        label = label.Length <= MaxLabelLength ? label : label[..(MaxLabelLength - 1)] + "…";
        var left = Width(label) + 10;
        var right = Width(message) + 10;
        var total = left + right;
        string X(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);
        var l = SecurityElement.Escape(label);
        var m = SecurityElement.Escape(message);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{X(total)}" height="20" role="img" aria-label="{l}: {m}">
            <title>{l}: {m}</title>
            <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
            <clipPath id="r"><rect width="{X(total)}" height="20" rx="3" fill="#fff"/></clipPath>
            <g clip-path="url(#r)"><rect width="{X(left)}" height="20" fill="#555"/><rect x="{X(left)}" width="{X(right)}" height="20" fill="{colour}"/><rect width="{X(total)}" height="20" fill="url(#s)"/></g>
            <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
            <text x="{X(left / 2)}" y="15" fill="#010101" fill-opacity=".3">{l}</text><text x="{X(left / 2)}" y="14">{l}</text>
            <text x="{X(left + right / 2)}" y="15" fill="#010101" fill-opacity=".3">{m}</text><text x="{X(left + right / 2)}" y="14">{m}</text>
            </g>
            </svg>
            """;
    }

    /// <summary>Verdana 11px, approximately: narrow, wide and ordinary characters.</summary>
    private static double Width(string text) => text.Sum(c => c switch
    {
        'i' or 'j' or 'l' or 'I' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' => 3.5,
        'f' or 't' or 'r' or '(' or ')' or '[' or ']' or ' ' or '/' or '-' => 4.6,
        'm' or 'w' or 'M' or 'W' or '%' => 10.5,
        >= 'A' and <= 'Z' => 7.6,
        >= '0' and <= '9' => 7.0,
        _ => 6.6,
    });
}
