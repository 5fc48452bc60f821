using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scripto.Core.Sharing;

namespace Scripto.Core.Persistence;

internal sealed class BadgeConfiguration : IEntityTypeConfiguration<Badge>
{
    public void Configure(EntityTypeBuilder<Badge> badge)
    {
        badge.ToTable("badges");
        badge.HasKey(b => b.Id);
        badge.Property(b => b.Id).HasColumnName("id");
        badge.Property(b => b.Token).HasColumnName("token").HasMaxLength(Badges.TokenLength);
        badge.Property(b => b.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(8);
        badge.Property(b => b.Value).HasColumnName("value").HasMaxLength(Scripts.Script.MaxServerLength);
        badge.Property(b => b.CreatedAt).HasColumnName("created_at").HasConversion(UtcDateTimeConverter.Required);
        badge.Ignore(b => b.Target);
        badge.HasIndex(b => b.Token).IsUnique();
        badge.HasIndex(b => new { b.Kind, b.Value });
    }
}
