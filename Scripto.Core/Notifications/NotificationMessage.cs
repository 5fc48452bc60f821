namespace Scripto.Core.Notifications;

/// <summary>What a message is about: the webhook body's "event". New ones go at the end: deliveries store the name, but be kind to readers.</summary>
public enum NotificationEvent { Down, Resolved, Reminder, Flapping, Test, Silent, Anomaly }

/// <summary>One script as a message lists it: an item of the webhook body's "scripts" or "resolved".</summary>
public sealed record NotifiedScript(
    long Id, string Name, string Server, string Status, string Reason,
    DateTime Since, DateTime? LastRun, int? LastExitCode, string? LastOutputLine, string Url,
    long? DownForSeconds = null);

/// <summary>
/// One message to one channel: its group's state when it is sent. <see cref="Id"/> is the idempotency key
/// (the webhook-id), the same on every retry of this message. <see cref="Server"/> is set when the message is about
/// a server's silence (silent, its reminder, its resolved), and <see cref="Heartbeat"/> names the heartbeat script that told it.
/// </summary>
public sealed record NotificationMessage(
    string Id, NotificationEvent Event, string Channel, string GroupBy, string GroupKey,
    IReadOnlyList<NotifiedScript> Scripts, IReadOnlyList<NotifiedScript> Resolved, DateTime SentAt,
    string? Server = null, string? Heartbeat = null);

/// <summary>What a formatter needs of a channel, secrets included (never shown back, never logged).</summary>
public sealed record ChannelTarget(
    string Kind, string? Url, IReadOnlyList<string> To, string? Secret, string? Token, string? ChatId);

/// <summary>Notifications:Smtp in the settings.</summary>
public sealed class SmtpSettings
{
    /// <summary>Why an email channel cannot send: said by a send, and by the channel's state until the settings give a server.</summary>
    public const string Missing = "Email needs Notifications:Smtp:Host and Notifications:Smtp:From in the settings.";

    public bool IsSet => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>None, StartTls or Tls; unset means StartTls when the server offers it.</summary>
    public string? Security { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? From { get; set; }
}
