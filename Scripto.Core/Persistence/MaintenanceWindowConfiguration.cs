using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scripto.Core.Maintenance;
using Scripto.Core.Schedules;

namespace Scripto.Core.Persistence;

internal sealed class MaintenanceWindowConfiguration : IEntityTypeConfiguration<MaintenanceWindow>
{
    public void Configure(EntityTypeBuilder<MaintenanceWindow> window)
    {
        window.ToTable("maintenance_windows");
        window.HasKey(w => w.Id);
        window.Property(w => w.Id).HasColumnName("id");
        window.Property(w => w.Servers).HasColumnName("servers");
        window.Property(w => w.Names).HasColumnName("names");
        window.Property(w => w.Tags).HasColumnName("tags");
        window.Property(w => w.StartsAt).HasColumnName("starts_at").HasConversion(UtcDateTimeConverter.Nullable);
        window.Property(w => w.EndsAt).HasColumnName("ends_at").HasConversion(UtcDateTimeConverter.Nullable);
        window.Property(w => w.Cron).HasColumnName("cron").HasMaxLength(ScheduleText.MaxCronLength);
        window.Property(w => w.TimeZone).HasColumnName("time_zone").HasMaxLength(ScheduleText.MaxTimeZoneLength);
        window.Property(w => w.DurationSeconds).HasColumnName("duration_seconds");
        window.Property(w => w.Reason).HasColumnName("reason").HasMaxLength(MaintenanceRules.MaxReasonLength);
        window.Property(w => w.CreatedBy).HasColumnName("created_by").HasMaxLength(300);
        window.Property(w => w.CreatedAt).HasColumnName("created_at").HasConversion(UtcDateTimeConverter.Required);
        window.Property(w => w.EndedAt).HasColumnName("ended_at").HasConversion(UtcDateTimeConverter.Nullable);
        window.Ignore(w => w.Recurring);
        window.Ignore(w => w.Duration);
    }
}
