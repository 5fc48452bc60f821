namespace Scripto.Core.Notifications.Channels;

/// <summary>A channel as it is shown back: every field but its secrets, which are only said to be set.</summary>
public sealed record ChannelView(
    long Id, string Name, string Kind, string? Url, IReadOnlyList<string> To, string? ChatId,
    IReadOnlyList<string> Servers, IReadOnlyList<string> Names, IReadOnlyList<string> Tags, string GroupBy,
    TimeSpan GroupWait, TimeSpan GroupInterval, TimeSpan? RepeatInterval, bool SendResolved,
    bool HasSecret, bool HasToken, string State, string? LastError, DateTime CreatedAt, DateTime UpdatedAt, bool Anomalies = false)
{
    public static ChannelView From(Channel c, SmtpSettings smtp)
    {
        var (state, lastError) = Effective(c, smtp);
        return new(
            c.Id, c.Name, c.Kind, c.Url, c.To, c.ChatId, c.Servers, c.Names, c.Tags, c.GroupBy,
            c.GroupWait, c.GroupInterval, c.RepeatInterval, c.SendResolved,
            !string.IsNullOrEmpty(c.Secret), !string.IsNullOrEmpty(c.Token), state, lastError, c.CreatedAt, c.UpdatedAt, c.Anomalies);
    }

    /// <summary>
    /// The state as the settings stand, not only as the last send left it: an email channel is failing from its creation
    /// when no SMTP server is set (nothing it is given could be sent), and one that failed only for that is ok again
    /// once the settings give one (its next send says more).
    /// </summary>
    private static (string State, string? LastError) Effective(Channel c, SmtpSettings smtp) =>
        c.Kind != Formats.ChannelKinds.Email ? (c.State, c.LastError)
        : !smtp.IsSet ? (ChannelStates.Failing, SmtpSettings.Missing)
        : c.LastError == SmtpSettings.Missing ? (ChannelStates.Ok, null)
        : (c.State, c.LastError);
}
