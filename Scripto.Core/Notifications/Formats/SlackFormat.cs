using System.Text;
using System.Text.Json.Nodes;

namespace Scripto.Core.Notifications.Formats;

/// <summary>
/// A Slack incoming webhook message, which Mattermost and Rocket.Chat also take: <c>text</c> (the title, what
/// notifications show) and one legacy attachment per section, the part of the payload all three render alike.
/// </summary>
internal static class SlackFormat
{
    private const int MaxScripts = 50;
    private const int TextBudget = 12_000; // Mattermost's default post limit is 16,383 characters; Slack's is 40,000.

    public static HttpRequestMessage Build(ChannelTarget target, NotificationMessage message)
    {
        var listing = ChatListing.Fit(message, MaxScripts, TextBudget, (s, resolved) => Line(s, resolved).Length);
        var title = Escape(MessageText.Title(message));
        var attachments = new JsonArray();
        var intro = new StringBuilder(Escape(MessageText.Intro(message)));
        if (listing.Down.Count > 0) attachments.Add(Attachment(Colour(message.Event), MessageText.ScriptsHeading(message), listing.Down, false, intro.ToString()));
        if (listing.Resolved.Count > 0)
            attachments.Add(Attachment("#2e7d32", "Resolved", listing.Resolved, true, listing.Down.Count > 0 ? null : intro.ToString()));
        if (attachments.Count == 0) attachments.Add(new JsonObject { ["color"] = Colour(message.Event), ["fallback"] = title, ["text"] = intro.ToString() });
        if (listing.More > 0) attachments.Add(new JsonObject { ["fallback"] = listing.MoreLine, ["text"] = listing.MoreLine });
        var body = new JsonObject { ["text"] = title, ["attachments"] = attachments };
        return JsonRequest.Post(ChannelRequests.Url(target), body);
    }

    private static JsonObject Attachment(string colour, string heading, IReadOnlyList<NotifiedScript> scripts, bool resolved, string? intro)
    {
        var text = new StringBuilder();
        if (intro is not null) text.Append(intro).Append('\n');
        foreach (var script in scripts) text.Append(Line(script, resolved));
        return new JsonObject
        {
            ["color"] = colour,
            ["fallback"] = $"{heading}: {scripts.Count}",
            ["title"] = $"{heading} ({scripts.Count})",
            // No "mrkdwn_in": the text is not read as mrkdwn, so a "*" in a script name stays a star.
            ["text"] = text.ToString().TrimEnd('\n'),
        };
    }

    /// <summary>"• <url|*backup.sh*> on db-1: reason" then the facts, one script per paragraph.</summary>
    private static string Line(NotifiedScript script, bool resolved)
    {
        var line = new StringBuilder("• ");
        line.Append(string.IsNullOrEmpty(script.Url) ? Escape(script.Name) : $"<{LinkTarget(script.Url)}|{Escape(script.Name)}>");
        foreach (var (label, value) in MessageText.Facts(script, resolved))
            line.Append(label == "Server" ? $" on {Escape(value)}" : $"\n    {label}: {Escape(value)}");
        return line.Append('\n').ToString();
    }

    private static string Colour(NotificationEvent notificationEvent) => notificationEvent switch
    {
        NotificationEvent.Resolved => "#2e7d32",
        NotificationEvent.Flapping or NotificationEvent.Reminder => "#ed6c02",
        NotificationEvent.Test => "#0288d1",
        _ => "#d32f2f",
    };

    /// <summary>
    /// Slack's control characters become entities (so "&lt;!channel&gt;" cannot mention); an @ is followed by a word
    /// joiner so Mattermost cannot mention either; "](" is split so Markdown-reading receivers make no link of it.
    /// </summary>
    internal static string Escape(string text) => MessageText.OneLine(text)
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")
        .Replace("@", "@\u2060").Replace("](", "]\u2060(");

    private static string LinkTarget(string url) => url.Replace("|", "%7C").Replace(">", "%3E").Replace("<", "%3C");
}
