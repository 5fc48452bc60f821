using System.Text;
using Scripto.Core.Notifications.Formats;
using static System.Net.WebUtility;

namespace Scripto.Core.Notifications.Email;

/// <summary>
/// The HTML part: inline styles only (mail clients drop style sheets), every reported text HTML-encoded, each script
/// name a link to its page in Scripto.
/// </summary>
internal static class EmailHtml
{
    public static string Render(NotificationMessage message)
    {
        var title = HtmlEncode(MessageText.OneLine(MessageText.Title(message)));
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(title).Append("</title></head>\n")
            .Append("<body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2328;font-size:14px;line-height:1.45\">\n")
            .Append($"<div style=\"max-width:760px;margin:0 auto;background:#ffffff;border-radius:6px;border-top:5px solid {Colour(message.Event)};padding:20px 24px\">\n")
            .Append("<h1 style=\"font-size:18px;margin:0 0 6px\">").Append(title).Append("</h1>\n")
            .Append("<p style=\"margin:0 0 12px;color:#57606a\">").Append(HtmlEncode(MessageText.Intro(message))).Append("</p>\n");
        Section(html, MessageText.ScriptsHeading(message), MessageText.DownNewestFirst(message), resolved: false, "#d32f2f");
        Section(html, "Resolved", MessageText.ResolvedNewestFirst(message), resolved: true, "#2e7d32");
        html.Append("<p style=\"margin:20px 0 0;color:#8c959f;font-size:12px\">").Append(HtmlEncode(Footer(message))).Append("</p>\n")
            .Append("</div>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>Why the reader got this: which channel, when.</summary>
    public static string Footer(NotificationMessage message) =>
        $"Sent by Scripto to the channel \"{message.Channel}\" at {MessageText.Time(message.SentAt)}.";

    private static void Section(StringBuilder html, string heading, IReadOnlyList<NotifiedScript> scripts, bool resolved, string colour)
    {
        if (scripts.Count == 0) return;
        html.Append($"<h2 style=\"font-size:15px;margin:18px 0 6px;color:{colour}\">{heading} ({scripts.Count})</h2>\n")
            .Append("<table role=\"presentation\" style=\"border-collapse:collapse;width:100%\">\n");
        foreach (var script in scripts)
        {
            var name = HtmlEncode(MessageText.OneLine(script.Name));
            var link = string.IsNullOrEmpty(script.Url)
                ? name
                : $"<a href=\"{HtmlEncode(script.Url)}\" style=\"color:#0969da;text-decoration:none\">{name}</a>";
            html.Append($"<tr><td colspan=\"2\" style=\"padding:12px 0 4px;border-top:1px solid #d0d7de;font-weight:600;font-size:15px\">{link}</td></tr>\n");
            foreach (var (label, value) in MessageText.Facts(script, resolved))
            {
                var shown = HtmlEncode(value);
                if (label == "Last output") shown = $"<code style=\"font-family:Menlo,Consolas,monospace;background:#f6f8fa;padding:1px 4px;border-radius:3px\">{shown}</code>";
                html.Append($"<tr><td style=\"padding:1px 12px 1px 0;color:#57606a;white-space:nowrap;vertical-align:top;width:1%\">{label}</td>")
                    .Append($"<td style=\"padding:1px 0;word-break:break-word\">{shown}</td></tr>\n");
            }
        }
        html.Append("</table>\n");
    }

    private static string Colour(NotificationEvent notificationEvent) => notificationEvent switch
    {
        NotificationEvent.Resolved => "#2e7d32",
        NotificationEvent.Flapping or NotificationEvent.Reminder => "#ed6c02",
        NotificationEvent.Test => "#0288d1",
        _ => "#d32f2f",
    };
}
