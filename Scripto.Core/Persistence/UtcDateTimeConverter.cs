using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Scripto.Core.Persistence;

/// <summary>SQLite keeps no time zone: everything stored is UTC, and is read back marked as such.</summary>
internal static class UtcDateTimeConverter
{
    public static readonly ValueConverter<DateTime?, DateTime?> Nullable = new(
        v => v.HasValue ? v.Value.ToUniversalTime() : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);

    public static readonly ValueConverter<DateTime, DateTime> Required = new(
        v => v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
