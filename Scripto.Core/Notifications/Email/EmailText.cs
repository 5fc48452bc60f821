using System.Text;
using Scripto.Core.Notifications.Formats;

namespace Scripto.Core.Notifications.Email;

/// <summary>The plain-text part: the same content as the HTML part, for clients that show only text.</summary>
internal static class EmailText
{
    public static string Render(NotificationMessage message)
    {
        var text = new StringBuilder();
        text.Append(MessageText.OneLine(MessageText.Title(message))).Append("\n\n");
        text.Append(MessageText.Intro(message)).Append('\n');
        Section(text, MessageText.ScriptsHeading(message), MessageText.DownNewestFirst(message), resolved: false);
        Section(text, "Resolved", MessageText.ResolvedNewestFirst(message), resolved: true);
        text.Append("\n-- \n").Append(EmailHtml.Footer(message)).Append('\n');
        return text.ToString();
    }

    private static void Section(StringBuilder text, string heading, IReadOnlyList<NotifiedScript> scripts, bool resolved)
    {
        if (scripts.Count == 0) return;
        text.Append('\n').Append(heading.ToUpperInvariant()).Append($" ({scripts.Count})\n");
        foreach (var script in scripts)
        {
            text.Append('\n').Append(MessageText.OneLine(script.Name)).Append('\n');
            foreach (var (label, value) in MessageText.Facts(script, resolved))
                text.Append("  ").Append(label).Append(": ").Append(MessageText.OneLine(value)).Append('\n');
            if (!string.IsNullOrEmpty(script.Url)) text.Append("  ").Append(script.Url).Append('\n');
        }
    }
}
