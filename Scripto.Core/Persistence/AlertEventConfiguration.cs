using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scripto.Core.Notifications.Alerts;

namespace Scripto.Core.Persistence;

internal sealed class AlertEventConfiguration : IEntityTypeConfiguration<AlertEvent>
{
    public void Configure(EntityTypeBuilder<AlertEvent> alert)
    {
        // No foreign key: a script deleted while announced must still be resolved by the planner.
        alert.ToTable("alert_events");
        alert.HasKey(a => a.Id);
        alert.Property(a => a.Id).HasColumnName("id");
        alert.Property(a => a.ScriptId).HasColumnName("script_id");
        alert.Property(a => a.At).HasColumnName("at").HasConversion(UtcDateTimeConverter.Required);
        alert.Property(a => a.Down).HasColumnName("down");
        alert.Property(a => a.Anomaly).HasColumnName("anomaly");
        alert.Property(a => a.Reason).HasColumnName("reason").HasMaxLength(512);
        alert.Property(a => a.HoldUntil).HasColumnName("hold_until").HasConversion(UtcDateTimeConverter.Nullable);
    }
}
