using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scripto.Core.Scripts;

namespace Scripto.Core.Persistence;

internal sealed class ScriptConfiguration : IEntityTypeConfiguration<Script>
{
    public void Configure(EntityTypeBuilder<Script> script)
    {
        script.ToTable("scripts");
        script.HasKey(s => s.Id);
        script.Property(s => s.Id).HasColumnName("id");
        // NOCASE: the dashboard sorts and searches names the way a person reads them.
        script.Property(s => s.Name).HasColumnName("name").HasMaxLength(Script.MaxNameLength).UseCollation("NOCASE");
        script.Property(s => s.Server).HasColumnName("server").HasMaxLength(Script.MaxServerLength).UseCollation("NOCASE");
        script.Property(s => s.LastStatus).HasColumnName("status");
        script.Property(s => s.LastExec).HasColumnName("last_exec").HasConversion(UtcDateTimeConverter.Nullable);
        script.Property(s => s.Periodicity).HasColumnName("periodicity").HasConversion<string>().HasMaxLength(16);

        script.HasIndex(s => s.Name);
        script.HasIndex(s => s.Server);
        script.HasIndex(s => s.LastExec);
    }
}
