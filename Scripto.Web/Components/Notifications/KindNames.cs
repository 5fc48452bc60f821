using Scripto.Core.Notifications.Formats;

namespace Scripto.Web.Components.Notifications;

/// <summary>How the page names a channel kind.</summary>
public static class KindNames
{
    public static string Of(string kind) => kind switch
    {
        ChannelKinds.Email => "Email",
        ChannelKinds.Webhook => "Webhook (signed JSON)",
        ChannelKinds.Slack => "Slack / Mattermost / Rocket.Chat",
        ChannelKinds.Teams => "Microsoft Teams",
        ChannelKinds.Discord => "Discord",
        ChannelKinds.Ntfy => "ntfy",
        ChannelKinds.Gotify => "Gotify",
        ChannelKinds.Telegram => "Telegram",
        _ => kind,
    };
}
