using System.Text;
using System.Text.Json.Nodes;

namespace Scripto.Core.Notifications.Formats;

/// <summary>
/// A Discord webhook execution: <c>content</c> (the title) and one embed listing the scripts, within Discord's limits
/// (content 2,000 characters; embed title 256, description 4,096, 6,000 in all). No mention can ping anyone.
/// </summary>
internal static class DiscordFormat
{
    public const int ContentLimit = 2000;
    public const int TitleLimit = 256;
    public const int DescriptionLimit = 4096;
    private const int MaxScripts = 25;

    public static HttpRequestMessage Build(ChannelTarget target, NotificationMessage message)
    {
        var intro = Escape(MessageText.Intro(message));
        var listing = ChatListing.Fit(message, MaxScripts, DescriptionLimit - intro.Length - 2, (s, resolved) => Line(s, resolved).Length);
        var description = new StringBuilder(intro).Append('\n');
        foreach (var script in listing.Down) description.Append('\n').Append(Line(script, false));
        if (listing.Resolved.Count > 0)
        {
            if (listing.Down.Count > 0) description.Append("\n**Resolved**\n");
            foreach (var script in listing.Resolved) description.Append('\n').Append(Line(script, true));
        }
        if (listing.More > 0) description.Append('\n').Append(Escape(listing.MoreLine));

        var title = MessageText.Title(message);
        var embed = new JsonObject
        {
            ["title"] = MessageText.Clip(Escape(title), TitleLimit),
            ["description"] = MessageText.Clip(description.ToString().TrimEnd(), DescriptionLimit),
            ["color"] = Colour(message.Event),
            ["timestamp"] = MessageText.Iso(message.SentAt),
        };
        var body = new JsonObject
        {
            ["content"] = MessageText.Clip(Escape(title), ContentLimit),
            ["embeds"] = new JsonArray(embed),
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
        return JsonRequest.Post(ChannelRequests.Url(target), body);
    }

    /// <summary>"**[backup.sh](url)** on db-1" then one fact per line.</summary>
    private static string Line(NotifiedScript script, bool resolved)
    {
        var name = Escape(script.Name);
        var line = new StringBuilder(string.IsNullOrEmpty(script.Url) ? $"**{name}**" : $"**[{name}]({LinkTarget(script.Url)})**");
        foreach (var (label, value) in MessageText.Facts(script, resolved))
            line.Append(label == "Server" ? $" on {Escape(value)}" : $"\n{label}: {Escape(value)}");
        return line.Append('\n').ToString();
    }

    private static int Colour(NotificationEvent notificationEvent) => notificationEvent switch
    {
        NotificationEvent.Resolved => 0x2E7D32,
        NotificationEvent.Flapping or NotificationEvent.Reminder => 0xED6C02,
        NotificationEvent.Test => 0x0288D1,
        _ => 0xD32F2F,
    };

    /// <summary>
    /// A backslash before each character Discord's Markdown gives a meaning inside a line (emphasis, code, spoilers,
    /// links, mentions): it then shows the character as is. Reported text never starts a line, so "#", "-" and "&gt;"
    /// (headings, lists, quotes) need none.
    /// </summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in MessageText.OneLine(text))
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '[' or ']' or '(' or ')' or '<' or '@') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static string LinkTarget(string url) => url.Replace("(", "%28").Replace(")", "%29").Replace(" ", "%20");
}
