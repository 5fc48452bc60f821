using System.Net.Http.Headers;
using System.Text;

namespace Scripto.Core.Notifications.Formats;

/// <summary>
/// An ntfy publish: POST to the topic URL, the message as plain text (never read as Markdown), and the Title,
/// Priority, Tags and Click headers. A non-ASCII title is sent RFC 2047-encoded, as ntfy documents.
/// </summary>
internal static class NtfyFormat
{
    private const int MaxScripts = 30;
    private const int MessageBudget = 3500; // ntfy turns a message over 4,096 bytes into an attachment

    public static HttpRequestMessage Build(ChannelTarget target, NotificationMessage message)
    {
        var listing = ChatListing.Fit(message, MaxScripts, MessageBudget, (s, resolved) => Encoding.UTF8.GetByteCount(Paragraph(s, resolved)));
        var text = new StringBuilder(MessageText.Intro(message));
        foreach (var script in listing.Down) text.Append("\n\n").Append(Paragraph(script, false));
        foreach (var script in listing.Resolved) text.Append("\n\n").Append(Paragraph(script, true));
        if (listing.More > 0) text.Append("\n\n").Append(listing.MoreLine);

        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text.ToString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, ChannelRequests.Url(target)) { Content = content };
        request.Headers.TryAddWithoutValidation("Title", HeaderValue(MessageText.Title(message)));
        request.Headers.TryAddWithoutValidation("Priority", Priority(message.Event));
        request.Headers.TryAddWithoutValidation("Tags", Tags(message.Event));
        if (MessageText.FirstLink(message) is { } link) request.Headers.TryAddWithoutValidation("Click", link);
        if (!string.IsNullOrEmpty(target.Token)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
        return request;
    }

    private static string Paragraph(NotifiedScript script, bool resolved) =>
        MessageText.OneLine(MessageText.Summary(script, resolved)) +
        string.Concat(MessageText.Facts(script, resolved).Where(f => f.Label is "Last exit code" or "Last output")
            .Select(f => $"\n{f.Label}: {f.Value}")) +
        (string.IsNullOrEmpty(script.Url) ? "" : $"\n{script.Url}");

    /// <summary>1 (min) to 5 (max): a failure vibrates, the rest does not insist.</summary>
    internal static string Priority(NotificationEvent notificationEvent) => notificationEvent switch
    {
        NotificationEvent.Down or NotificationEvent.Flapping or NotificationEvent.Silent => "4",
        _ => "3",
    };

    /// <summary>ntfy shows a tag that names an emoji as that emoji, before the title.</summary>
    internal static string Tags(NotificationEvent notificationEvent) => notificationEvent switch
    {
        NotificationEvent.Down => "rotating_light,scripto",
        NotificationEvent.Resolved => "white_check_mark,scripto",
        NotificationEvent.Reminder => "hourglass,scripto",
        NotificationEvent.Flapping or NotificationEvent.Anomaly => "warning,scripto",
        NotificationEvent.Silent => "mute,scripto",
        _ => "test_tube,scripto",
    };

    /// <summary>ASCII as is; anything else as an RFC 2047 encoded word, which ntfy decodes.</summary>
    internal static string HeaderValue(string text)
    {
        var line = MessageText.OneLine(text);
        return line.All(char.IsAscii) ? line : $"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(line))}?=";
    }
}
