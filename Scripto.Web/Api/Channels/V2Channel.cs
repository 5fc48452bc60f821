using System.Text.Json.Serialization;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Schedules;

namespace Scripto.Web.Api.Channels;

/// <summary>A channel as the API shows it back: every field but the secrets, plus its id and state.</summary>
public sealed record V2Channel(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("to")] IReadOnlyList<string> To,
    [property: JsonPropertyName("chat_id")] string? ChatId,
    [property: JsonPropertyName("servers")] IReadOnlyList<string> Servers,
    [property: JsonPropertyName("names")] IReadOnlyList<string> Names,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("group_by")] string GroupBy,
    [property: JsonPropertyName("group_wait")] string GroupWait,
    [property: JsonPropertyName("group_interval")] string GroupInterval,
    [property: JsonPropertyName("repeat_interval")] string RepeatInterval,
    [property: JsonPropertyName("send_resolved")] bool SendResolved,
    [property: JsonPropertyName("has_secret")] bool HasSecret,
    [property: JsonPropertyName("has_token")] bool HasToken,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("anomalies")] bool Anomalies)
{
    public static V2Channel From(ChannelView c) => new(
        c.Id, c.Name, c.Kind, c.Url, c.To, c.ChatId, c.Servers, c.Names, c.Tags, c.GroupBy,
        ScheduleText.FormatInterval(c.GroupWait), ScheduleText.FormatInterval(c.GroupInterval),
        c.RepeatInterval is { } r ? ScheduleText.FormatInterval(r) : "off", c.SendResolved,
        c.HasSecret, c.HasToken, c.State, c.LastError, c.Anomalies);
}

/// <summary>One delivery attempt of a channel's log.</summary>
public sealed record V2Attempt(
    [property: JsonPropertyName("at")] DateTime At,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("status_code")] int? StatusCode,
    [property: JsonPropertyName("error")] string? Error)
{
    public static V2Attempt From(DeliveryAttempt a) => new(a.At, a.Event, a.GroupKey, a.MessageId, a.Outcome, a.StatusCode, a.Error);
}
