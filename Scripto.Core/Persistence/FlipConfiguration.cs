using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scripto.Core.Scripts;

namespace Scripto.Core.Persistence;

internal sealed class FlipConfiguration : IEntityTypeConfiguration<Flip>
{
    public void Configure(EntityTypeBuilder<Flip> flip)
    {
        flip.ToTable("flips");
        flip.HasKey(f => f.Id);
        flip.Property(f => f.Id).HasColumnName("id");
        flip.Property(f => f.ScriptId).HasColumnName("script_id");
        flip.Property(f => f.At).HasColumnName("at").HasConversion(UtcDateTimeConverter.Required);
        flip.Property(f => f.From).HasColumnName("from_state").HasConversion<string>().HasMaxLength(8);
        flip.Property(f => f.To).HasColumnName("to_state").HasConversion<string>().HasMaxLength(8);
        flip.Property(f => f.Reason).HasColumnName("reason").HasMaxLength(512);
        flip.HasIndex(f => new { f.ScriptId, f.Id });
    }
}
