namespace Scripto.Core.Notifications.Channels;

/// <summary>The kinds of channel and what each needs besides its name.</summary>
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

    public static readonly IReadOnlyList<string> All = [Email, Webhook, Slack, Teams, Discord, Ntfy, Gotify, Telegram];

    public static bool NeedsToken(string kind) => kind is Gotify or Telegram;

    /// <summary>Reminders are off by default in chat (people scroll back), daily by email (people file mail away).</summary>
    public static TimeSpan? DefaultRepeat(string kind) => kind == Email ? TimeSpan.FromHours(24) : null;
}
