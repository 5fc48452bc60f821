using System.Text;
using System.Text.RegularExpressions;

namespace Scripto.Web.Formatting;

/// <summary>A piece of output and how it looks: a CSS class for its colour and weight, or none.</summary>
public sealed record AnsiSpan(string Text, string? Class);

/// <summary>
/// Output as a terminal showed it: the SGR colour codes that commands print (ESC[31m, ESC[1;32m, ESC[0m) become
/// classes (ansi-fg-0..15, ansi-bold); every other escape sequence (cursor moves, titles) is dropped.
/// </summary>
public static partial class AnsiText
{
    [GeneratedRegex(@"\x1B(?:\[([0-9;?]*)([@-~])|\][^\x07\x1B]*(?:\x07|\x1B\\)?|[@-Z\\-_])")]
    private static partial Regex Escape();

    public static IReadOnlyList<AnsiSpan> Parse(string output)
    {
        var spans = new List<AnsiSpan>();
        int? foreground = null;
        var bold = false;
        var at = 0;
        foreach (Match escape in Escape().Matches(output))
        {
            Add(output[at..escape.Index]);
            at = escape.Index + escape.Length;
            if (escape.Groups[2].Value != "m") continue; // not a colour: dropped
            var codes = escape.Groups[1].Value.Split(';');
            foreach (var text in codes)
            {
                var code = text.Length == 0 ? 0 : int.TryParse(text, out var c) ? c : -1;
                switch (code)
                {
                    case 0: foreground = null; bold = false; break;
                    case 1: bold = true; break;
                    case 22: bold = false; break;
                    case 39: foreground = null; break;
                    case >= 30 and <= 37: foreground = code - 30; break;
                    case >= 90 and <= 97: foreground = code - 90 + 8; break;
                }
            }
        }
        Add(output[at..]);
        return spans;

        void Add(string text)
        {
            if (text.Length == 0) return;
            var css = new StringBuilder();
            if (foreground is { } f) css.Append("ansi-fg-").Append(f);
            if (bold) css.Append(css.Length > 0 ? " " : "").Append("ansi-bold");
            var style = css.Length == 0 ? null : css.ToString();
            if (spans.Count > 0 && spans[^1].Class == style) spans[^1] = spans[^1] with { Text = spans[^1].Text + text };
            else spans.Add(new AnsiSpan(text, style));
        }
    }

    /// <summary>The output without any escape sequence: what a person copies.</summary>
    public static string Strip(string output) => string.Concat(Parse(output).Select(s => s.Text));
}
