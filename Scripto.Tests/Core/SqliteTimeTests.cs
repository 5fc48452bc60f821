using System.Globalization;
using System.Text;
using Scripto.Core.Persistence;

namespace Scripto.Tests.Core;

/// <summary>
/// The writer formats and reads SQLite's times itself: the text must be the provider's to the byte, or EF Core's
/// comparisons and sorts on those columns (the time worker's, the dashboard's) would disagree with what was written.
/// </summary>
public sealed class SqliteTimeTests
{
    public static TheoryData<DateTime> Times() =>
    [
        new DateTime(2026, 11, 27, 5, 0, 0, DateTimeKind.Utc),
        new DateTime(2026, 11, 27, 5, 0, 0, DateTimeKind.Utc).AddTicks(1),
        new DateTime(2026, 11, 27, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999),
        new DateTime(2026, 2, 3, 4, 5, 6, 700, DateTimeKind.Utc),
        new DateTime(2026, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(1_200_300),
        new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        DateTime.MaxValue,
        new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Unspecified).AddTicks(10),
    ];

    [Theory]
    [MemberData(nameof(Times))]
    public void A_time_is_written_as_the_provider_writes_it(DateTime time)
    {
        Span<byte> text = stackalloc byte[SqliteTime.MaxLength];
        var length = SqliteTime.Format(time, text);

        Assert.Equal(SqliteTime.Reference(time), Encoding.UTF8.GetString(text[..length]));
    }

    [Fact]
    public void Any_time_is_written_as_the_provider_writes_it()
    {
        var random = new Random(15);
        Span<byte> text = stackalloc byte[SqliteTime.MaxLength];
        for (var i = 0; i < 20_000; i++)
        {
            var time = new DateTime(random.NextInt64(DateTime.MaxValue.Ticks));
            if (i % 3 == 0) time = new DateTime(time.Ticks - time.Ticks % TimeSpan.TicksPerMillisecond); // milliseconds, as most are
            Assert.Equal(SqliteTime.Reference(time), Encoding.UTF8.GetString(text[..SqliteTime.Format(time, text)]));
        }
    }

    [Theory]
    [MemberData(nameof(Times))]
    public void A_time_reads_back_as_the_provider_parses_it(DateTime time)
    {
        var text = SqliteTime.Reference(time);

        Assert.True(SqliteTime.TryParse(text, out var read));
        Assert.Equal(DateTime.Parse(text, CultureInfo.InvariantCulture).Ticks, read.Ticks);
    }

    [Theory]
    [InlineData("2026-11-27T05:00:00")]
    [InlineData("2026-11-27 05:00:00Z")]
    [InlineData("2026-11-27 05:00:00+01:00")]
    [InlineData("2026-11-27 05:00:00.")]
    [InlineData("2026-11-27 05:00")]
    [InlineData("2026-02-30 05:00:00")]
    [InlineData("2026-11-27 24:00:00")]
    [InlineData("2026-11-27 05:00:00.12345678")]
    [InlineData("2461000.5")]
    public void Any_other_text_is_left_to_the_provider(string text) => Assert.False(SqliteTime.TryParse(text, out _));
}
