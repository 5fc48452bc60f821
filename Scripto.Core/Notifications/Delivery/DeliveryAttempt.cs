namespace Scripto.Core.Notifications.Delivery;

/// <summary>One try at sending a message to a channel: the channel's delivery log (its last 100 are kept).</summary>
public sealed class DeliveryAttempt
{
    public const int KeepPerChannel = 100;

    public long Id { get; set; }
    public long ChannelId { get; set; }
    public DateTime At { get; set; }
    public string MessageId { get; set; } = "";
    public string Event { get; set; } = "";
    public string GroupKey { get; set; } = "";

    /// <summary>sent, retrying, failing (refused for good: the channel waits for an edit), or abandoned (24 h of retries).</summary>
    public string Outcome { get; set; } = "";
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
}

public static class DeliveryOutcomes
{
    public const string Sent = "sent";
    public const string Retrying = "retrying";
    public const string Failing = "failing";
    public const string Abandoned = "abandoned";
    /// <summary>A test message that did not get through: not retried, since the person who asked for it is looking now.</summary>
    public const string Failed = "failed";
    public static readonly IReadOnlyList<string> All = [Sent, Retrying, Failing, Abandoned, Failed];
}
