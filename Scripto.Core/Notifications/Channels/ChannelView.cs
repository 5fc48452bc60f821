namespace Scripto.Core.Notifications.Channels;

/// <summary>A channel as it is shown back: every field but its secrets, which are only said to be set.</summary>
public sealed record ChannelView(
    long Id, string Name, string Kind, string? Url, IReadOnlyList<string> To, string? ChatId,
    IReadOnlyList<string> Servers, IReadOnlyList<string> Names, IReadOnlyList<string> Tags, string GroupBy,
    TimeSpan GroupWait, TimeSpan GroupInterval, TimeSpan? RepeatInterval, bool SendResolved,
    bool HasSecret, bool HasToken, string State, string? LastError, DateTime CreatedAt, DateTime UpdatedAt, bool Anomalies = false)
{
    public static ChannelView From(Channel c) => new(
        c.Id, c.Name, c.Kind, c.Url, c.To, c.ChatId, c.Servers, c.Names, c.Tags, c.GroupBy,
        c.GroupWait, c.GroupInterval, c.RepeatInterval, c.SendResolved,
        !string.IsNullOrEmpty(c.Secret), !string.IsNullOrEmpty(c.Token), c.State, c.LastError, c.CreatedAt, c.UpdatedAt, c.Anomalies);
}
