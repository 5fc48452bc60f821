using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Core.Persistence;

internal sealed class ScriptConfiguration : IEntityTypeConfiguration<Script>
{
    /// <summary>The scripts that may still go down by themselves, and the index that holds only them.</summary>
    public const string AwaitingDown = "health <> 'Down' AND paused = 0";
    public const string AwaitingDownIndex = "ix_scripts_awaiting_down";

    public void Configure(EntityTypeBuilder<Script> script)
    {
        script.ToTable("scripts");
        script.HasKey(s => s.Id);
        script.Property(s => s.Id).HasColumnName("id");
        // NOCASE: the dashboard sorts and searches names the way a person reads them.
        script.Property(s => s.Name).HasColumnName("name").HasMaxLength(Script.MaxNameLength).UseCollation("NOCASE");
        script.Property(s => s.Server).HasColumnName("server").HasMaxLength(Script.MaxServerLength).UseCollation("NOCASE");
        script.Property(s => s.CreatedAt).HasColumnName("created_at").HasConversion(UtcDateTimeConverter.Required);
        script.Property(s => s.ScheduleKind).HasColumnName("schedule_kind").HasConversion<string>().HasMaxLength(16);
        script.Property(s => s.PeriodSeconds).HasColumnName("period_seconds");
        script.Property(s => s.Cron).HasColumnName("cron").HasMaxLength(ScheduleText.MaxCronLength);
        script.Property(s => s.TimeZone).HasColumnName("time_zone").HasMaxLength(ScheduleText.MaxTimeZoneLength);
        script.Property(s => s.GraceSeconds).HasColumnName("grace_seconds");
        script.Property(s => s.CountingSince).HasColumnName("counting_since").HasConversion(UtcDateTimeConverter.Nullable);
        script.Property(s => s.Paused).HasColumnName("paused");
        script.Property(s => s.Health).HasColumnName("health").HasConversion<string>().HasMaxLength(8);
        script.Property(s => s.LastStatus).HasColumnName("status");
        script.Property(s => s.LastExec).HasColumnName("last_exec").HasConversion(UtcDateTimeConverter.Nullable);
        script.Property(s => s.StartedAt).HasColumnName("started_at").HasConversion(UtcDateTimeConverter.Nullable);
        script.Property(s => s.LastDurationMs).HasColumnName("last_duration_ms");
        script.Property(s => s.LastExitCode).HasColumnName("last_exit_code");
        script.Property(s => s.DueAt).HasColumnName("due_at").HasConversion(UtcDateTimeConverter.Nullable);
        script.Property(s => s.SoonAt).HasColumnName("soon_at").HasConversion(UtcDateTimeConverter.Nullable);
        script.Property(s => s.DownAt).HasColumnName("down_at").HasConversion(UtcDateTimeConverter.Nullable);
        script.Property(s => s.FailureThreshold).HasColumnName("failure_threshold");
        script.Property(s => s.RecoveryThreshold).HasColumnName("recovery_threshold");
        script.Property(s => s.Streak).HasColumnName("streak");
        script.Property(s => s.Alerting).HasColumnName("alerting");
        script.Property(s => s.Tags).HasColumnName("tags").HasMaxLength(ScriptTags.MaxTags * (ScriptTags.MaxLength + 1));
        script.Property(s => s.MaxRuntimeSeconds).HasColumnName("max_runtime_seconds");
        script.Property(s => s.MinRuntimeSeconds).HasColumnName("min_runtime_seconds");
        script.Property(s => s.Heartbeat).HasColumnName("heartbeat");
        script.Property(s => s.MaintenanceUntil).HasColumnName("maintenance_until").HasConversion(UtcDateTimeConverter.Nullable);
        script.Ignore(s => s.MaxRuntime);
        script.Ignore(s => s.MinRuntime);
        script.Ignore(s => s.Schedule);
        script.Ignore(s => s.Periodicity);
        script.Ignore(s => s.IsRunning);
        script.Ignore(s => s.LastDuration);

        script.HasIndex(s => new { s.Name, s.Server }); // v2 finds a script by name and server
        script.HasIndex(s => s.Server);
        script.HasIndex(s => s.LastExec);
        script.HasIndex(s => s.DueAt);   // the time worker's look-ups
        script.HasIndex(s => s.SoonAt);
        script.HasIndex(s => s.DownAt);
        script.HasIndex(s => s.DownAt, AwaitingDownIndex).HasFilter(AwaitingDown); // the time worker's flips
        script.HasMany<Run>().WithOne().HasForeignKey(r => r.ScriptId).OnDelete(DeleteBehavior.Cascade);
        script.HasMany<Flip>().WithOne().HasForeignKey(f => f.ScriptId).OnDelete(DeleteBehavior.Cascade);
    }
}
