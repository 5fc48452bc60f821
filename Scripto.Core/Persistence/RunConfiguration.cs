using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scripto.Core.Scripts;

namespace Scripto.Core.Persistence;

internal sealed class RunConfiguration : IEntityTypeConfiguration<Run>
{
    public void Configure(EntityTypeBuilder<Run> run)
    {
        run.ToTable("runs");
        run.HasKey(r => r.Id);
        run.Property(r => r.Id).HasColumnName("id");
        run.Property(r => r.ScriptId).HasColumnName("script_id");
        run.Property(r => r.At).HasColumnName("at").HasConversion(UtcDateTimeConverter.Required);
        run.Property(r => r.Signal).HasColumnName("signal").HasConversion<string>().HasMaxLength(8);
        run.Property(r => r.ExitCode).HasColumnName("exit_code");
        run.Property(r => r.DurationMs).HasColumnName("duration_ms");
        run.Property(r => r.Output).HasColumnName("output");
        run.Property(r => r.RemoteAddress).HasColumnName("remote_address").HasMaxLength(64);
        run.Ignore(r => r.Duration);
        run.HasIndex(r => new { r.ScriptId, r.Id }); // a script's history, newest first, and pruning
    }
}
