using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scripto.Core.Keys;

namespace Scripto.Core.Persistence;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("api_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).HasColumnName("id");
        key.Property(k => k.Name).HasColumnName("name").HasMaxLength(100);
        key.Property(k => k.Prefix).HasColumnName("prefix").HasMaxLength(16);
        key.Property(k => k.Hash).HasColumnName("sha256").HasMaxLength(64);
        key.Property(k => k.Scopes).HasColumnName("scopes");
        key.Property(k => k.CreatedAt).HasColumnName("created_at").HasConversion(UtcDateTimeConverter.Required);
        key.Property(k => k.RevokedAt).HasColumnName("revoked_at").HasConversion(UtcDateTimeConverter.Nullable);
        key.Property(k => k.ServerGlobs).HasColumnName("server_globs").HasMaxLength(KeyLimits.MaxTextLength);
        key.Property(k => k.NameGlobs).HasColumnName("name_globs").HasMaxLength(KeyLimits.MaxTextLength);
        key.Property(k => k.Tags).HasColumnName("tags").HasMaxLength(KeyLimits.MaxTextLength);
        key.Ignore(k => k.FromConfiguration);
        key.Ignore(k => k.Limits);
        key.HasIndex(k => k.Hash).IsUnique();
    }
}
