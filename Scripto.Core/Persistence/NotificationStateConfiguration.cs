using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scripto.Core.Notifications.Alerts;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Notifications.Grouping;

namespace Scripto.Core.Persistence;

internal sealed class AlertGroupConfiguration : IEntityTypeConfiguration<AlertGroup>
{
    public void Configure(EntityTypeBuilder<AlertGroup> group)
    {
        group.ToTable("alert_groups");
        group.HasKey(g => g.Id);
        group.Property(g => g.Id).HasColumnName("id");
        group.Property(g => g.ChannelId).HasColumnName("channel_id");
        group.Property(g => g.Key).HasColumnName("group_key").HasMaxLength(255);
        group.Property(g => g.FlushAt).HasColumnName("flush_at").HasConversion(UtcDateTimeConverter.Nullable);
        group.Property(g => g.LastSentAt).HasColumnName("last_sent_at").HasConversion(UtcDateTimeConverter.Nullable);
        group.Property(g => g.MembersJson).HasColumnName("members");
        group.Ignore(g => g.Members);
        group.HasIndex(g => new { g.ChannelId, g.Key }).IsUnique();
        group.HasOne<Channel>().WithMany().HasForeignKey(g => g.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FlapStateConfiguration : IEntityTypeConfiguration<FlapState>
{
    public const string FlappingIndex = "ix_script_flaps_flapping";

    public void Configure(EntityTypeBuilder<FlapState> flap)
    {
        flap.ToTable("script_flaps");
        flap.HasKey(f => f.ScriptId);
        flap.Property(f => f.ScriptId).HasColumnName("script_id").ValueGeneratedNever();
        flap.Property(f => f.ChangesJson).HasColumnName("changes");
        flap.Property(f => f.Flapping).HasColumnName("flapping");
        flap.Property(f => f.LastChangeAt).HasColumnName("last_change_at").HasConversion(UtcDateTimeConverter.Required);
        flap.Property(f => f.Down).HasColumnName("down");
        flap.Property(f => f.Reason).HasColumnName("reason").HasMaxLength(512);
        flap.Ignore(f => f.Changes);
        // The planner looks at every flapping script each pass (to tell when it settles): the few, not every script
        // that changed within the last hour or ever (a state is forgotten only when its script is looked at again).
        flap.HasIndex(f => f.Flapping, FlappingIndex).HasFilter("flapping");
    }
}
