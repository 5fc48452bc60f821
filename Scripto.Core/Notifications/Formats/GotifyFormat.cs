using System.Text;
using System.Text.Json.Nodes;

namespace Scripto.Core.Notifications.Formats;

/// <summary>
/// A Gotify push: POST {url}/message with the application token (in the X-Gotify-Key header, which Gotify accepts
/// like the token query parameter but which stays out of access logs), and title, message and priority as JSON.
/// The message is declared plain text so that clients never render it as Markdown.
/// </summary>
internal static class GotifyFormat
{
    private const int MaxScripts = 50;
    private const int MessageBudget = 8000;

    public static HttpRequestMessage Build(ChannelTarget target, NotificationMessage message)
    {
        var token = ChannelRequests.Required(target.Token, "token", target);
        var listing = ChatListing.Fit(message, MaxScripts, MessageBudget, (s, resolved) => Paragraph(s, resolved).Length);
        var text = new StringBuilder(MessageText.Intro(message));
        foreach (var script in listing.Down) text.Append("\n\n").Append(Paragraph(script, false));
        foreach (var script in listing.Resolved) text.Append("\n\n").Append(Paragraph(script, true));
        if (listing.More > 0) text.Append("\n\n").Append(listing.MoreLine);

        var extras = new JsonObject { ["client::display"] = new JsonObject { ["contentType"] = "text/plain" } };
        if (MessageText.FirstLink(message) is { } link)
            extras["client::notification"] = new JsonObject { ["click"] = new JsonObject { ["url"] = link } };
        var body = new JsonObject
        {
            ["title"] = MessageText.OneLine(MessageText.Title(message)),
            ["message"] = text.ToString(),
            ["priority"] = Priority(message.Event),
            ["extras"] = extras,
        };
        var request = JsonRequest.Post(ChannelRequests.Url(target, "message"), body);
        request.Headers.Add("X-Gotify-Key", token);
        return request;
    }

    private static string Paragraph(NotifiedScript script, bool resolved) =>
        MessageText.OneLine(MessageText.Summary(script, resolved)) +
        string.Concat(MessageText.Facts(script, resolved).Where(f => f.Label is "Last exit code" or "Last output")
            .Select(f => $"\n{f.Label}: {f.Value}")) +
        (string.IsNullOrEmpty(script.Url) ? "" : $"\n{script.Url}");

    /// <summary>Gotify's 0-10: 8 and above is loud on Android; a failure is, the rest is an ordinary notification.</summary>
    internal static int Priority(NotificationEvent notificationEvent) => notificationEvent switch
    {
        NotificationEvent.Down or NotificationEvent.Flapping or NotificationEvent.Silent => 8,
        _ => 5,
    };
}
