using System.Text.Json;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Persistence;

namespace Scripto.Core.Notifications.Delivery;

/// <summary>Puts messages in the outbox of deliveries (inside the caller's transaction); its wake-up call is the dispatcher's.</summary>
public sealed class DeliveryOutbox : WakeSignal
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds a message for a channel to the context; it is delivered once the caller has saved.</summary>
    public static void Add(ScriptoDbContext db, Channel channel, NotificationMessage message, DateTime now) =>
        db.Deliveries.Add(new Delivery
        {
            ChannelId = channel.Id, MessageId = message.Id, Event = message.Event.ToString().ToLowerInvariant(),
            GroupKey = message.GroupKey, Body = JsonSerializer.Serialize(message, Json), CreatedAt = now, DueAt = now,
        });

    public static NotificationMessage Read(Delivery delivery) => JsonSerializer.Deserialize<NotificationMessage>(delivery.Body, Json)!;

    /// <summary>A new message id: unique, and the same on every retry of its message (the webhook-id).</summary>
    public static string NewMessageId() => "msg_" + Guid.CreateVersion7().ToString("N");
}
