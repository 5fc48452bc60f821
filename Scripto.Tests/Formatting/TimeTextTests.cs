using Scripto.Web.Formatting;

namespace Scripto.Tests.Formatting;

public sealed class TimeTextTests
{
    private static readonly DateTime Now = new(2017, 8, 2, 14, 16, 25, DateTimeKind.Utc);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData(10, "just now")]
    [InlineData(4 * 60, "4 min ago")]
    [InlineData(3 * 3600, "3 h ago")]
    [InlineData(3 * 86400, "3 days ago")]
    [InlineData(-2 * 3600, "in 2 h")]
    [InlineData(-30 * 60, "in 30 min")]
    public void Relative_times_read_as_a_person_says_them(int secondsAgo, string expected) =>
        Assert.Equal(expected, TimeText.Relative(Now.AddSeconds(-secondsAgo), Now));

    [Fact]
    public void Calendar_times_are_in_the_viewers_zone()
    {
        Assert.Equal("Today at 16:16:25", TimeText.Calendar(Now, Now, Paris));
        Assert.Equal("Yesterday at 23:30:00", TimeText.Calendar(new DateTime(2017, 8, 1, 21, 30, 0, DateTimeKind.Utc), Now, Paris));
        Assert.Equal("Tomorrow at 01:00:00", TimeText.Calendar(new DateTime(2017, 8, 2, 23, 0, 0, DateTimeKind.Utc), Now, Paris));
        Assert.Equal("2017-07-01 02:00:00", TimeText.Calendar(new DateTime(2017, 7, 1, 0, 0, 0, DateTimeKind.Utc), Now, Paris));
    }

    [Fact]
    public void The_exact_time_is_utc() =>
        Assert.Equal("2017-08-02 14:16:25 UTC", TimeText.Utc(Now));
}
