using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scripto.Core.Sharing;

namespace Scripto.Core.Persistence;

internal sealed class StatusPageConfiguration : IEntityTypeConfiguration<StatusPage>
{
    public void Configure(EntityTypeBuilder<StatusPage> page)
    {
        page.ToTable("status_pages");
        page.HasKey(p => p.Id);
        page.Property(p => p.Id).HasColumnName("id");
        page.Property(p => p.Slug).HasColumnName("slug").HasMaxLength(StatusPage.MaxSlugLength);
        page.Property(p => p.Title).HasColumnName("title").HasMaxLength(StatusPage.MaxTitleLength);
        page.Property(p => p.TargetLines).HasColumnName("targets");
        page.Property(p => p.UpdatedAt).HasColumnName("updated_at").HasConversion(UtcDateTimeConverter.Required);
        page.Ignore(p => p.Targets);
        page.HasIndex(p => p.Slug).IsUnique();
    }
}
