using Scripto.Core.Notifications.Channels;
using Scripto.Core.Notifications.Formats;
using Scripto.Core.Schedules;

namespace Scripto.Web.Components.Notifications;

/// <summary>
/// The channel form's fields as typed: lists as comma-separated text, durations as text. It only turns them into a
/// <see cref="ChannelInput"/>; <see cref="ChannelRules"/> (the API's rules) judges them. Secrets are never filled in.
/// </summary>
public sealed class ChannelFormModel
{
    public long? Id { get; private init; }
    public string Name { get; set; } = "";
    public string Kind { get; set; } = ChannelKinds.Webhook;
    public string Url { get; set; } = "";
    public string To { get; set; } = "";
    public string Secret { get; set; } = "";
    public string Token { get; set; } = "";
    public string ChatId { get; set; } = "";
    public string Servers { get; set; } = "";
    public string Names { get; set; } = "";
    public string Tags { get; set; } = "";
    public string GroupBy { get; set; } = ChannelRules.GroupByServer;
    public string GroupWait { get; set; } = ScheduleText.FormatInterval(ChannelRules.DefaultGroupWait);
    public string GroupInterval { get; set; } = ScheduleText.FormatInterval(ChannelRules.DefaultGroupInterval);

    /// <summary>Empty: the kind's default (off for chat, 24h for email).</summary>
    public string RepeatInterval { get; set; } = "";
    public bool SendResolved { get; set; } = true;

    /// <summary>Also announce runtime anomalies (off by default: nothing failed).</summary>
    public bool Anomalies { get; set; }

    /// <summary>Whether the stored channel has a secret or token: the form says so, and an empty field keeps it.</summary>
    public bool HasSecret { get; private init; }
    public bool HasToken { get; private init; }

    public bool IsEmail => Kind == ChannelKinds.Email;
    public bool TakesSecret => Kind == ChannelKinds.Webhook;
    public bool TakesToken => Kind is ChannelKinds.Gotify or ChannelKinds.Telegram or ChannelKinds.Ntfy;
    public bool TakesChatId => Kind == ChannelKinds.Telegram;

    public static ChannelFormModel From(ChannelView channel) => new()
    {
        Id = channel.Id,
        Name = channel.Name,
        Kind = channel.Kind,
        Url = channel.Url ?? "",
        To = string.Join(", ", channel.To),
        ChatId = channel.ChatId ?? "",
        Servers = string.Join(", ", channel.Servers),
        Names = string.Join(", ", channel.Names),
        Tags = string.Join(", ", channel.Tags),
        GroupBy = channel.GroupBy,
        GroupWait = ScheduleText.FormatInterval(channel.GroupWait),
        GroupInterval = ScheduleText.FormatInterval(channel.GroupInterval),
        RepeatInterval = channel.RepeatInterval is { } repeat ? ScheduleText.FormatInterval(repeat) : "off",
        SendResolved = channel.SendResolved,
        Anomalies = channel.Anomalies,
        HasSecret = channel.HasSecret,
        HasToken = channel.HasToken,
    };

    /// <summary>Only the fields the kind uses are sent, so switching kinds in the form leaves nothing stray behind.</summary>
    public ChannelInput ToInput() => new()
    {
        Name = Name,
        Kind = Kind,
        Url = IsEmail ? null : Url,
        To = IsEmail ? List(To) : null,
        Secret = TakesSecret && Secret.Length > 0 ? Secret : null,
        Token = TakesToken && Token.Length > 0 ? Token : null,
        ChatId = TakesChatId ? ChatId : null,
        Servers = List(Servers),
        Names = List(Names),
        Tags = List(Tags),
        GroupBy = GroupBy,
        GroupWait = GroupWait,
        GroupInterval = GroupInterval,
        RepeatInterval = string.IsNullOrWhiteSpace(RepeatInterval) ? null : RepeatInterval,
        SendResolved = SendResolved,
        Anomalies = Anomalies,
    };

    private static List<string> List(string text) =>
        text.Split([',', '\n', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
