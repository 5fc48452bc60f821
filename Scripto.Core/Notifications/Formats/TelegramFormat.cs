using System.Text;
using System.Text.Json.Nodes;

namespace Scripto.Core.Notifications.Formats;

/// <summary>
/// A Telegram Bot API sendMessage: POST {url}/bot{token}/sendMessage with chat_id and the text in HTML parse mode,
/// every reported text escaped (&amp;, &lt;, &gt;, and &quot; inside a link), within Telegram's 4,096 characters.
/// </summary>
internal static class TelegramFormat
{
    public const string DefaultUrl = "https://api.telegram.org";
    public const int TextLimit = 4096;
    private const int MaxScripts = 30;

    public static HttpRequestMessage Build(ChannelTarget target, NotificationMessage message)
    {
        var token = ChannelRequests.Required(target.Token, "token", target);
        var chat = ChannelRequests.Required(target.ChatId, "chat_id", target);
        var head = $"<b>{Escape(MessageText.Title(message))}</b>\n{Escape(MessageText.Intro(message))}";
        // The limit counts the text after parsing, without tags; counting the tags too keeps well inside it.
        var listing = ChatListing.Fit(message, MaxScripts, TextLimit - head.Length - 2, (s, resolved) => Paragraph(s, resolved).Length + 2);
        var text = new StringBuilder(head);
        foreach (var script in listing.Down) text.Append("\n\n").Append(Paragraph(script, false));
        foreach (var script in listing.Resolved) text.Append("\n\n").Append(Paragraph(script, true));
        if (listing.More > 0) text.Append("\n\n").Append(Escape(listing.MoreLine));

        var url = target.Url is null ? new Uri($"{DefaultUrl}/bot{token}/sendMessage") : ChannelRequests.Url(target, $"bot{token}/sendMessage");
        var body = new JsonObject
        {
            ["chat_id"] = chat,
            ["text"] = text.ToString(),
            ["parse_mode"] = "HTML",
            ["link_preview_options"] = new JsonObject { ["is_disabled"] = true },
        };
        return JsonRequest.Post(url, body);
    }

    private static string Paragraph(NotifiedScript script, bool resolved)
    {
        var name = $"<b>{Escape(script.Name)}</b>";
        var paragraph = new StringBuilder(string.IsNullOrEmpty(script.Url) ? name : $"<a href=\"{Escape(script.Url)}\">{name}</a>");
        if (resolved) paragraph.Append(" (resolved)");
        foreach (var (label, value) in MessageText.Facts(script, resolved))
            paragraph.Append(label == "Server" ? $" on {Escape(value)}" : $"\n{label}: {Escape(value)}");
        return paragraph.ToString();
    }

    /// <summary>What Telegram's HTML mode requires: &amp;, &lt;, &gt; (and &quot;, for link targets) as entities.</summary>
    internal static string Escape(string text) => MessageText.OneLine(text)
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
