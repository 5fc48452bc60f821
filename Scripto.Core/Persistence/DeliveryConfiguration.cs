using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scripto.Core.Notifications.Delivery;

namespace Scripto.Core.Persistence;

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> delivery)
    {
        delivery.ToTable("notification_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).HasColumnName("id");
        delivery.Property(d => d.ChannelId).HasColumnName("channel_id");
        delivery.Property(d => d.MessageId).HasColumnName("message_id").HasMaxLength(64);
        delivery.Property(d => d.Event).HasColumnName("event").HasMaxLength(16);
        delivery.Property(d => d.GroupKey).HasColumnName("group_key").HasMaxLength(255);
        delivery.Property(d => d.Body).HasColumnName("body");
        delivery.Property(d => d.CreatedAt).HasColumnName("created_at").HasConversion(UtcDateTimeConverter.Required);
        delivery.Property(d => d.DueAt).HasColumnName("due_at").HasConversion(UtcDateTimeConverter.Required);
        delivery.Property(d => d.Attempts).HasColumnName("attempts");
        delivery.Property(d => d.ClaimedUntil).HasColumnName("claimed_until").HasConversion(UtcDateTimeConverter.Nullable);
        delivery.HasIndex(d => d.MessageId).IsUnique();
        delivery.HasIndex(d => d.DueAt);
    }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> attempt)
    {
        attempt.ToTable("notification_attempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.Id).HasColumnName("id");
        attempt.Property(a => a.ChannelId).HasColumnName("channel_id");
        attempt.Property(a => a.At).HasColumnName("at").HasConversion(UtcDateTimeConverter.Required);
        attempt.Property(a => a.MessageId).HasColumnName("message_id").HasMaxLength(64);
        attempt.Property(a => a.Event).HasColumnName("event").HasMaxLength(16);
        attempt.Property(a => a.GroupKey).HasColumnName("group_key").HasMaxLength(255);
        attempt.Property(a => a.Outcome).HasColumnName("outcome").HasMaxLength(16);
        attempt.Property(a => a.StatusCode).HasColumnName("status_code");
        attempt.Property(a => a.Error).HasColumnName("error").HasMaxLength(1024);
        attempt.HasIndex(a => new { a.ChannelId, a.Id });
    }
}
