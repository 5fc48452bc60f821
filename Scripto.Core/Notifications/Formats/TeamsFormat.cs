using System.Text.Json.Nodes;

namespace Scripto.Core.Notifications.Formats;

/// <summary>
/// A Microsoft Teams workflow webhook ("When a Teams webhook request is received"): a message with one Adaptive Card.
/// Every reported text is a TextRun of a RichTextBlock, which Teams shows as is (a TextBlock would read Markdown).
/// </summary>
internal static class TeamsFormat
{
    private const int MaxScripts = 40;
    private const int TextBudget = 16_000; // the workflow refuses payloads over 28 KB; the card's JSON doubles the text

    public static HttpRequestMessage Build(ChannelTarget target, NotificationMessage message)
    {
        var listing = ChatListing.Fit(message, MaxScripts, TextBudget, (s, resolved) => Size(s, resolved));
        var body = new JsonArray
        {
            Text(MessageText.Title(message), weight: "Bolder", size: "Medium", colour: Colour(message.Event)),
            Text(MessageText.Intro(message)),
        };
        foreach (var script in listing.Down) body.Add(Script(script, false));
        foreach (var script in listing.Resolved) body.Add(Script(script, true));
        if (listing.More > 0) body.Add(Text(listing.MoreLine, colour: "Accent"));

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
        if (MessageText.FirstLink(message) is { } link)
            card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in Scripto", ["url"] = link });

        var payload = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = card,
            }),
        };
        return JsonRequest.Post(ChannelRequests.Url(target), payload);
    }

    private static JsonObject Script(NotifiedScript script, bool resolved)
    {
        var name = Run(script.Name, weight: "Bolder", colour: resolved ? "Good" : "Attention");
        if (!string.IsNullOrEmpty(script.Url)) name["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = script.Url };
        var items = new JsonArray { new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(name) } };
        foreach (var (label, value) in MessageText.Facts(script, resolved))
            items.Add(new JsonObject
            {
                ["type"] = "RichTextBlock",
                ["inlines"] = new JsonArray(Run(label + ": ", weight: "Bolder"), Run(value)),
            });
        return new JsonObject { ["type"] = "Container", ["separator"] = true, ["spacing"] = "Medium", ["items"] = items };
    }

    private static JsonObject Text(string text, string? weight = null, string? size = null, string? colour = null) =>
        new() { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(Run(text, weight, size, colour)) };

    private static JsonObject Run(string text, string? weight = null, string? size = null, string? colour = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (weight is not null) run["weight"] = weight;
        if (size is not null) run["size"] = size;
        if (colour is not null) run["color"] = colour;
        return run;
    }

    private static int Size(NotifiedScript script, bool resolved) =>
        200 + script.Name.Length + script.Url.Length + MessageText.Facts(script, resolved).Sum(f => 120 + f.Label.Length + f.Value.Length);

    private static string Colour(NotificationEvent notificationEvent) => notificationEvent switch
    {
        NotificationEvent.Resolved => "Good",
        NotificationEvent.Flapping or NotificationEvent.Reminder => "Warning",
        NotificationEvent.Test => "Accent",
        _ => "Attention",
    };
}
