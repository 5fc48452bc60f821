using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Notifications.Delivery;

namespace Scripto.Core.Persistence;

internal sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public void Configure(EntityTypeBuilder<Channel> channel)
    {
        channel.ToTable("channels");
        channel.HasKey(c => c.Id);
        channel.Property(c => c.Id).HasColumnName("id");
        channel.Property(c => c.Name).HasColumnName("name").HasMaxLength(ChannelRules.MaxNameLength).UseCollation("NOCASE");
        channel.Property(c => c.Kind).HasColumnName("kind").HasMaxLength(16);
        channel.Property(c => c.Url).HasColumnName("url").HasMaxLength(ChannelRules.MaxUrlLength);
        channel.Property(c => c.To).HasColumnName("to_addresses");
        channel.Property(c => c.Secret).HasColumnName("secret").HasMaxLength(256);
        channel.Property(c => c.Token).HasColumnName("token").HasMaxLength(512);
        channel.Property(c => c.ChatId).HasColumnName("chat_id").HasMaxLength(64);
        channel.Property(c => c.Servers).HasColumnName("servers");
        channel.Property(c => c.Names).HasColumnName("names");
        channel.Property(c => c.Tags).HasColumnName("tags");
        channel.Property(c => c.GroupBy).HasColumnName("group_by").HasMaxLength(16);
        channel.Property(c => c.GroupWaitSeconds).HasColumnName("group_wait_seconds");
        channel.Property(c => c.GroupIntervalSeconds).HasColumnName("group_interval_seconds");
        channel.Property(c => c.RepeatIntervalSeconds).HasColumnName("repeat_interval_seconds");
        channel.Property(c => c.SendResolved).HasColumnName("send_resolved");
        channel.Property(c => c.Anomalies).HasColumnName("anomalies");
        channel.Property(c => c.State).HasColumnName("state").HasMaxLength(16);
        channel.Property(c => c.LastError).HasColumnName("last_error").HasMaxLength(1024);
        channel.Property(c => c.CreatedAt).HasColumnName("created_at").HasConversion(UtcDateTimeConverter.Required);
        channel.Property(c => c.UpdatedAt).HasColumnName("updated_at").HasConversion(UtcDateTimeConverter.Required);
        channel.Ignore(c => c.GroupWait);
        channel.Ignore(c => c.GroupInterval);
        channel.Ignore(c => c.RepeatInterval);
        channel.Ignore(c => c.Target);
        channel.HasIndex(c => c.Name).IsUnique();
        channel.HasMany<Delivery>().WithOne().HasForeignKey(d => d.ChannelId).OnDelete(DeleteBehavior.Cascade);
        channel.HasMany<DeliveryAttempt>().WithOne().HasForeignKey(a => a.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}
