namespace Scripto.Core.Notifications.Delivery;

/// <summary>
/// One message waiting to reach one channel: the outbox of deliveries. Deleted once delivered (or given up after
/// <see cref="DeliveryPolicy.GiveUpAfter"/>); a dispatcher takes one with a conditional update on
/// <see cref="ClaimedUntil"/>, so two processes never send the same delivery.
/// </summary>
public sealed class Delivery
{
    public long Id { get; set; }
    public long ChannelId { get; set; }

    /// <summary>The message's idempotency key (webhook-id), unique: the outbox never holds a message twice.</summary>
    public string MessageId { get; set; } = "";
    public string Event { get; set; } = "";
    public string GroupKey { get; set; } = "";

    /// <summary>The <see cref="NotificationMessage"/> as JSON, so every retry sends the same message.</summary>
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime DueAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? ClaimedUntil { get; set; }
}
