using Microsoft.Extensions.Time.Testing;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Tests.Core;

/// <summary>The status is a pure function of the stored row and the clock: the clock is fake, nothing sleeps.</summary>
public sealed class ScriptStatusTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 3, 31, 12, 0, 0, TimeSpan.Zero));

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private ScriptStatus Status(Script script) => ScriptStatusRule.Of(script, Now);

    private Script Reported(Schedule schedule, Signal signal = Signal.Success)
    {
        var script = new Script { Name = "s", CreatedAt = Now };
        script.ChangeSchedule(schedule, Now);
        script.Report(new ScriptReport(signal), Now);
        return script;
    }

    [Fact]
    public void A_v1_daily_script_goes_soon_late_then_down_as_the_hours_pass()
    {
        var script = Reported(Schedule.Every(Periodicity.Daily));

        Assert.Equal(ScriptStatus.Ok, Status(script));
        _clock.Advance(TimeSpan.FromHours(22) + TimeSpan.FromMinutes(59));
        Assert.Equal(ScriptStatus.Ok, Status(script));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ScriptStatus.Soon, Status(script)); // v1: an hour before a daily run
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(ScriptStatus.Late, Status(script)); // v1: once the period has passed
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(ScriptStatus.Late, Status(script));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ScriptStatus.Down, Status(script)); // grace (an hour) over with no report
    }

    [Fact]
    public void A_report_in_grace_brings_it_back_up_and_counts_the_next_period_from_there()
    {
        var script = Reported(Schedule.Every(TimeSpan.FromHours(6)));
        _clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(10));
        Assert.Equal(ScriptStatus.Late, Status(script));

        script.Report(new ScriptReport(Signal.Success), Now);

        Assert.Equal(ScriptStatus.Ok, Status(script));
        Assert.Equal(Now.AddHours(6), script.DueAt);
    }

    [Fact]
    public void An_interval_that_is_not_a_v1_word_is_never_soon()
    {
        var script = Reported(Schedule.Every(TimeSpan.FromHours(6)));

        _clock.Advance(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(59));

        Assert.Equal(ScriptStatus.Ok, Status(script));
    }

    [Fact]
    public void A_cron_script_is_late_after_its_next_occurrence_and_down_after_grace()
    {
        _clock.SetUtcNow(new DateTimeOffset(2025, 3, 29, 1, 30, 0, TimeSpan.Zero)); // 02:30 in Paris
        var script = Reported(Schedule.CronIn("30 2 * * *", "Europe/Paris", TimeSpan.FromMinutes(20)));

        _clock.SetUtcNow(new DateTimeOffset(2025, 3, 30, 0, 59, 0, TimeSpan.Zero));
        Assert.Equal(ScriptStatus.Ok, Status(script));
        _clock.Advance(TimeSpan.FromMinutes(1)); // 03:00 CEST: the change day's run is due
        Assert.Equal(ScriptStatus.Late, Status(script));
        _clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(ScriptStatus.Down, Status(script));
    }

    [Fact]
    public void A_failure_is_failed_at_once_whatever_the_schedule()
    {
        var script = Reported(Schedule.Every(Periodicity.Hourly), Signal.Failure);

        Assert.Equal(ScriptStatus.Failed, Status(script));
        Assert.Equal(Health.Failed, script.Health);
    }

    [Fact]
    public void A_failed_script_that_stays_silent_past_its_next_due_and_grace_is_down()
    {
        var script = Reported(Schedule.Every(Periodicity.Hourly), Signal.Failure); // grace 6 min

        _clock.Advance(TimeSpan.FromMinutes(65));
        Assert.Equal(ScriptStatus.Failed, Status(script));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ScriptStatus.Down, Status(script));
        Assert.Equal(FlipState.Down, script.FlipStateAt(Now));
    }

    [Fact]
    public void After_a_missed_period_the_next_due_is_the_next_one_from_now()
    {
        var script = Reported(Schedule.Every(TimeSpan.FromMinutes(10))); // due 12:10, 12:20, 12:30...

        _clock.Advance(TimeSpan.FromMinutes(25)); // 12:25: 12:10 and 12:20 were missed

        Assert.Equal(new DateTime(2024, 3, 31, 12, 10, 0), script.DueAt); // late and down count from the miss
        Assert.Equal(new DateTime(2024, 3, 31, 12, 30, 0), script.NextDueAt(Now));
    }

    [Fact]
    public void After_a_missed_cron_time_the_next_due_is_the_next_one_from_now()
    {
        var script = Reported(Schedule.CronIn("0 * * * *", null)); // every hour on the hour

        _clock.Advance(TimeSpan.FromHours(2.5)); // 14:30: 13:00 and 14:00 were missed

        Assert.Equal(new DateTime(2024, 3, 31, 13, 0, 0), script.DueAt);
        Assert.Equal(new DateTime(2024, 3, 31, 15, 0, 0), script.NextDueAt(Now));
    }

    [Fact]
    public void A_next_due_still_ahead_is_shown_as_it_is()
    {
        var script = Reported(Schedule.Every(TimeSpan.FromMinutes(10)));

        Assert.Equal(new DateTime(2024, 3, 31, 12, 10, 0), script.NextDueAt(Now));
    }

    [Fact]
    public void A_started_run_is_running_until_it_finishes_with_its_duration()
    {
        var script = Reported(Schedule.Every(Periodicity.Daily));
        _clock.Advance(TimeSpan.FromHours(24));
        script.Report(new ScriptReport(Signal.Start), Now);
        Assert.Equal(ScriptStatus.Running, Status(script));

        _clock.Advance(TimeSpan.FromMinutes(7));
        var run = script.Report(new ScriptReport(Signal.Success, ExitCode: 0), Now);

        Assert.Equal(TimeSpan.FromMinutes(7), run.Duration);
        Assert.Equal(TimeSpan.FromMinutes(7), script.LastDuration);
        Assert.Equal(ScriptStatus.Ok, Status(script));
    }

    [Fact]
    public void A_run_that_never_finishes_goes_down_after_its_grace()
    {
        var script = Reported(Schedule.Every(Periodicity.Daily)); // grace: 1 h
        _clock.Advance(TimeSpan.FromHours(24));
        script.Report(new ScriptReport(Signal.Start), Now);

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(ScriptStatus.Running, Status(script));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ScriptStatus.Down, Status(script));
    }

    [Fact]
    public void A_script_that_never_reported_is_new_and_never_late()
    {
        var script = new Script { Name = "s", CreatedAt = Now };
        script.ChangeSchedule(Schedule.Every(Periodicity.Hourly), Now);

        _clock.Advance(TimeSpan.FromDays(30));

        Assert.Equal(ScriptStatus.NeverReported, Status(script));
    }

    [Fact]
    public void Without_a_schedule_a_script_is_never_late()
    {
        var script = Reported(Schedule.None);

        _clock.Advance(TimeSpan.FromDays(3650));

        Assert.Equal(ScriptStatus.Ok, Status(script));
    }

    [Fact]
    public void A_paused_script_is_paused_and_on_resume_counts_its_schedule_from_the_resume()
    {
        var script = Reported(Schedule.Every(Periodicity.Hourly));
        script.Pause();
        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(ScriptStatus.Paused, Status(script));

        script.Resume(Now);

        Assert.Equal(ScriptStatus.Ok, Status(script));
        Assert.Equal(Now.AddHours(1), script.DueAt);
    }

    [Fact]
    public void A_new_schedule_counts_from_when_it_was_set()
    {
        var script = Reported(Schedule.None);
        _clock.Advance(TimeSpan.FromDays(3));

        script.ChangeSchedule(Schedule.Every(Periodicity.Daily), Now);

        Assert.Equal(ScriptStatus.Ok, Status(script));
        Assert.Equal(Now.AddDays(1), script.DueAt);
    }

    [Fact]
    public void Output_over_10_kib_keeps_its_tail_behind_a_visible_marker()
    {
        var output = new string('a', 20_000) + "THE END";

        var tail = ScriptReport.Tail(output)!;

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(tail) <= Run.MaxOutputBytes);
        Assert.StartsWith("[… output truncated", tail);
        Assert.EndsWith("THE END", tail);
        Assert.Equal("short", ScriptReport.Tail("short"));
    }

    [Fact]
    public void Cutting_output_never_splits_a_character()
    {
        var tail = ScriptReport.Tail(new string('é', 8000) + "✓")!;

        Assert.DoesNotContain('\uFFFD', tail);
        Assert.EndsWith("é✓", tail);
    }
}
