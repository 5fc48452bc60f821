namespace Scripto.Core.Notifications.Formats;

/// <summary>The HTTP request that delivers a message to a channel, for every kind but email.</summary>
public static class ChannelRequests
{
    /// <param name="now">When the request is made: the webhook's signed timestamp.</param>
    public static HttpRequestMessage Build(ChannelTarget target, NotificationMessage message, DateTimeOffset now) => target.Kind switch
    {
        ChannelKinds.Webhook => WebhookFormat.Build(target, message, now),
        ChannelKinds.Slack => SlackFormat.Build(target, message),
        ChannelKinds.Teams => TeamsFormat.Build(target, message),
        ChannelKinds.Discord => DiscordFormat.Build(target, message),
        ChannelKinds.Ntfy => NtfyFormat.Build(target, message),
        ChannelKinds.Gotify => GotifyFormat.Build(target, message),
        ChannelKinds.Telegram => TelegramFormat.Build(target, message),
        _ => throw new ArgumentException($"No HTTP request for a channel of kind \"{target.Kind}\".", nameof(target)),
    };

    internal static Uri Url(ChannelTarget target) =>
        Uri.TryCreate(target.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new ArgumentException($"A {target.Kind} channel needs an http(s) URL.", nameof(target));

    /// <summary>The channel's URL with a path appended ("{url}/message"), whether or not it ends with a slash.</summary>
    internal static Uri Url(ChannelTarget target, string path) => new(Url(target).AbsoluteUri.TrimEnd('/') + "/" + path);

    internal static string Required(string? value, string field, ChannelTarget target) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"A {target.Kind} channel needs its {field}.", nameof(target)) : value;
}
