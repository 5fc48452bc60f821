namespace Scripto.Core.Notifications.Formats;

/// <summary>The channel kinds Scripto can deliver to, as the contract spells them.</summary>
public static class ChannelKinds
{
    public const string Email = "email";
    public const string Webhook = "webhook";
    public const string Slack = "slack";
    public const string Teams = "teams";
    public const string Discord = "discord";
    public const string Ntfy = "ntfy";
    public const string Gotify = "gotify";
    public const string Telegram = "telegram";

    /// <summary>The kinds delivered by an HTTP request (<see cref="ChannelRequests.Build"/>).</summary>
    public static readonly IReadOnlyList<string> Http = [Webhook, Slack, Teams, Discord, Ntfy, Gotify, Telegram];

    public static readonly IReadOnlyList<string> All = [Email, .. Http];
}
