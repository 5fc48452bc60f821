using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Tests.Core;

/// <summary>Every schedule kind, its default grace, and cron across daylight-saving changes and month ends.</summary>
public sealed class ScheduleTests
{
    private static DateTime Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void A_period_is_due_one_interval_after_the_last_run() =>
        Assert.Equal(Utc(2024, 1, 1, 12, 15), Schedule.Every(TimeSpan.FromMinutes(15)).NextDue(Utc(2024, 1, 1, 12, 0)));

    [Fact]
    public void No_schedule_is_never_due() => Assert.Null(Schedule.None.NextDue(Utc(2024, 1, 1, 0, 0)));

    [Fact]
    public void Cron_is_due_at_its_next_occurrence_in_its_own_zone() =>
        // 02:30 in New York in January is 07:30 UTC.
        Assert.Equal(Utc(2024, 1, 2, 7, 30), Schedule.CronIn("30 2 * * *", "America/New_York").NextDue(Utc(2024, 1, 1, 7, 30)));

    [Fact]
    public void A_0230_paris_job_on_the_spring_change_day_runs_once_when_the_clock_jumps_to_0300()
    {
        var nightly = Schedule.CronIn("30 2 * * *", "Europe/Paris");

        var changeDay = nightly.NextDue(Utc(2025, 3, 29, 1, 30)); // 02:30 CET on the Saturday

        Assert.Equal(Utc(2025, 3, 30, 1, 0), changeDay); // 02:30 does not exist: 03:00 CEST
        Assert.Equal(Utc(2025, 3, 31, 0, 30), nightly.NextDue(changeDay!.Value)); // 02:30 CEST from then on
    }

    [Fact]
    public void A_0230_paris_job_on_the_autumn_change_day_runs_once_although_0230_happens_twice()
    {
        var nightly = Schedule.CronIn("30 2 * * *", "Europe/Paris");

        var changeDay = nightly.NextDue(Utc(2025, 10, 25, 0, 30)); // 02:30 CEST on the Saturday

        Assert.Equal(Utc(2025, 10, 26, 0, 30), changeDay); // the first 02:30 (CEST)
        Assert.Equal(Utc(2025, 10, 27, 1, 30), nightly.NextDue(changeDay!.Value)); // not 01:30 UTC the same day
    }

    [Fact]
    public void Cron_on_the_31st_skips_the_months_without_one() =>
        Assert.Equal(Utc(2025, 3, 31, 3, 0), Schedule.CronIn("0 3 31 * *", null).NextDue(Utc(2025, 1, 31, 3, 0)));

    [Fact]
    public void Cron_on_the_last_day_of_the_month_finds_a_leap_february() =>
        Assert.Equal(Utc(2024, 2, 29, 23, 0), Schedule.CronIn("0 23 L * *", null).NextDue(Utc(2024, 2, 1, 0, 0)));

    [Theory]
    [InlineData("hourly", 6 * 60)]
    [InlineData("daily", 3600)]
    [InlineData("15m", 90)]
    [InlineData("5m", 60)] // never under a minute
    [InlineData("2d", 3600)] // never over an hour
    public void The_default_grace_is_a_tenth_of_the_period_within_a_minute_and_an_hour(string period, int graceSeconds)
    {
        Assert.True(ScheduleText.TryParsePeriod(period, out var p, out _));

        Assert.Equal(TimeSpan.FromSeconds(graceSeconds), Schedule.Every(p).EffectiveGrace(Utc(2024, 1, 1, 0, 0)));
    }

    [Fact]
    public void The_default_grace_of_cron_scales_with_the_gap_between_its_runs()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), Schedule.CronIn("*/5 * * * *", null).EffectiveGrace(Utc(2024, 1, 1, 0, 0)));
        Assert.Equal(TimeSpan.FromMinutes(12), Schedule.CronIn("0 */2 * * *", null).EffectiveGrace(Utc(2024, 1, 1, 0, 0)));
    }

    [Fact]
    public void A_grace_that_is_set_wins() =>
        Assert.Equal(TimeSpan.FromMinutes(45), Schedule.Every(Periodicity.Daily, TimeSpan.FromMinutes(45)).EffectiveGrace(Utc(2024, 1, 1, 0, 0)));

    [Theory]
    [InlineData("15m", 15 * 60)]
    [InlineData("6h", 6 * 3600)]
    [InlineData("2d", 2 * 86400)]
    [InlineData("1h30m", 5400)]
    [InlineData("1w", 7 * 86400)]
    [InlineData("Daily", 86400)]
    [InlineData("monthly", 730 * 3600)]
    public void Intervals_read_as_people_write_them(string text, int seconds)
    {
        Assert.True(ScheduleText.TryParsePeriod(text, out var period, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), period);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fortnightly")]
    [InlineData("15")]
    [InlineData("10s")] // under a minute
    [InlineData("400d")]
    [InlineData("-5m")]
    public void Nonsense_periods_are_refused_with_a_reason(string text)
    {
        Assert.False(ScheduleText.TryParsePeriod(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void A_bad_cron_or_zone_says_what_is_wrong()
    {
        Assert.Contains("5-field", ScheduleText.CronError("61 * * * *"));
        Assert.Contains("5-field", ScheduleText.CronError("* * * * * *"));
        Assert.Null(ScheduleText.CronError("30 2 * * 1-5"));
        Assert.Contains("IANA", ScheduleText.TimeZoneError("Mars/Olympus"));
        Assert.Null(ScheduleText.TimeZoneError("Europe/Paris"));
    }

    [Theory]
    [InlineData("america/argentina/buenos_aires", "America/Argentina/Buenos_Aires")] // never read before in this process
    [InlineData(" europe/paris ", "Europe/Paris")]
    [InlineData("UTC", "UTC")]
    public void A_time_zone_is_read_in_any_case_and_answered_in_its_own_spelling(string typed, string stored)
    {
        Assert.True(ScheduleText.TryReadTimeZone(typed, out var zone, out _));
        Assert.Equal(stored, zone);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    [InlineData("../../../../etc/passwd")]
    public void What_is_not_a_time_zone_is_refused_by_the_same_rule(string typed)
    {
        Assert.False(ScheduleText.TryReadTimeZone(typed, out _, out var error));
        Assert.Contains("IANA", error);
    }

    [Fact]
    public void The_schedule_editor_reads_a_zone_by_the_same_rule_as_the_api()
    {
        var form = new Scripto.Web.Components.ScriptDetail.ScheduleForm { Kind = ScheduleKind.Cron, Cron = "30 2 * * *", TimeZone = "asia/tokyo" };

        var (schedule, errors) = form.Read();

        Assert.Empty(errors);
        Assert.Equal("Asia/Tokyo", schedule!.TimeZone);
    }

    [Fact]
    public void V1_words_keep_their_name_and_their_soon_window()
    {
        var daily = Schedule.Every(Periodicity.Daily);

        Assert.Equal(Periodicity.Daily, daily.Periodicity);
        Assert.Equal("daily", daily.Describe());
        Assert.Equal(Utc(2024, 1, 1, 23, 0), daily.SoonAt(Utc(2024, 1, 2, 0, 0)));
        Assert.Null(Schedule.Every(TimeSpan.FromHours(6)).SoonAt(Utc(2024, 1, 2, 0, 0)));
        Assert.Equal("6h", Schedule.Every(TimeSpan.FromHours(6)).Describe());
    }

    [Fact]
    public void A_time_at_the_end_of_the_calendar_is_never_due_rather_than_an_error()
    {
        Assert.Null(Schedule.Every(Periodicity.Daily).NextDue(DateTime.MaxValue.AddHours(-1)));
        Assert.Null(Schedule.CronIn("0 3 * * *", null).NextDue(new DateTime(9999, 12, 31, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void An_absurdly_long_interval_is_refused_not_an_overflow()
    {
        Assert.False(ScheduleText.TryParsePeriod("999999w999999w", out _, out var error));
        Assert.Equal("is far too long", error);
    }
}
