using Scripto.Core;
using Scripto.Core.Notifications;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;

namespace Scripto.Tests.Notifications;

/// <summary>What the writer records for notifications (the alert events), and what it does not: only news is told.</summary>
public class TriggerTests : IAsyncLifetime
{
    private readonly NotifyCore _core;

    public TriggerTests() : this(DatabaseProvider.Sqlite) { }

    protected TriggerTests(DatabaseProvider provider) => _core = new NotifyCore(provider: provider);

    public Task InitializeAsync() => _core.ChannelAsync("""{"name": "ops", "kind": "webhook", "url": "https://hooks.example/ops", "group_wait": "0s", "group_interval": "1s"}""");

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private long Events(string where = "TRUE") => _core.Count($"SELECT count(*) FROM alert_events WHERE {where}");

    [Fact]
    public async Task A_reported_failure_is_announced_once_and_a_second_failure_while_down_changes_nothing()
    {
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success);
        await _core.ReportAsync("backup.sh", "db-1", Signal.Failure);
        await _core.ReportAsync("backup.sh", "db-1", Signal.Failure);
        await _core.ReportAsync("backup.sh", "db-1", Signal.Start);

        Assert.Equal(1, Events());
        Assert.Equal(1, Events("down = TRUE AND reason = 'reported failure'"));
    }

    [Fact]
    public async Task New_to_up_paused_to_up_and_late_alone_announce_nothing()
    {
        var id = await _core.ReportAsync("hourly.sh", "db-1", Signal.Success, Schedule.Every(Periodicity.Hourly));
        await _core.Writer.UpdateAsync(id, new ScriptChanges { Paused = true });
        await _core.Writer.UpdateAsync(id, new ScriptChanges { Paused = false });
        _core.Clock.Advance(TimeSpan.FromMinutes(63)); // late, within its grace of 6 min
        await _core.FlipOverdueAsync();
        await _core.ReportAsync("hourly.sh", "db-1", Signal.Success);

        Assert.Equal(0, Events());
    }

    [Fact]
    public async Task Grace_over_with_no_report_is_announced_with_its_reason_and_the_next_success_recovers_it()
    {
        await _core.ReportAsync("hourly.sh", "db-1", Signal.Success, Schedule.Every(Periodicity.Hourly));
        _core.Clock.Advance(TimeSpan.FromMinutes(66));
        await _core.FlipOverdueAsync();
        Assert.Equal(1, Events("down = TRUE AND reason LIKE 'no report by % nor within its grace of 6m' AND hold_until IS NULL"));
        await _core.PlanAsync();

        _core.Clock.Advance(TimeSpan.FromMinutes(10));
        await _core.ReportAsync("hourly.sh", "db-1", Signal.Success);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(2));

        var messages = await _core.MessagesAsync();
        Assert.Equal([NotificationEvent.Down, NotificationEvent.Resolved], messages.Select(m => m.Event));
        Assert.Equal(("down", 600L), (messages[0].Scripts.Single().Status, messages[1].Resolved.Single().DownForSeconds!.Value));
    }

    [Fact]
    public async Task A_run_that_started_and_never_finished_within_its_grace_is_announced()
    {
        await _core.ReportAsync("long.sh", "db-1", Signal.Success, Schedule.Every(Periodicity.Hourly));
        _core.Clock.Advance(TimeSpan.FromMinutes(60));
        await _core.ReportAsync("long.sh", "db-1", Signal.Start);
        _core.Clock.Advance(TimeSpan.FromMinutes(7));
        await _core.FlipOverdueAsync();

        Assert.Equal(1, Events("down = TRUE AND reason LIKE 'run started at % did not finish within its grace of 6m'"));
    }

    [Fact]
    public async Task With_a_failure_threshold_of_three_only_the_third_failure_in_a_row_is_announced()
    {
        await _core.ReportAsync("flaky.sh", "db-1", Signal.Success, thresholds: new AlertThresholds(Failures: 3));
        await _core.ReportAsync("flaky.sh", "db-1", Signal.Failure);
        await _core.ReportAsync("flaky.sh", "db-1", Signal.Failure);
        await _core.ReportAsync("flaky.sh", "db-1", Signal.Success); // the count starts over
        await _core.ReportAsync("flaky.sh", "db-1", Signal.Failure);
        await _core.ReportAsync("flaky.sh", "db-1", Signal.Failure);
        Assert.Equal(0, Events());

        await _core.ReportAsync("flaky.sh", "db-1", Signal.Failure);

        Assert.Equal(1, Events("down = TRUE"));
    }

    [Fact]
    public async Task With_a_recovery_threshold_of_two_only_the_second_good_run_in_a_row_resolves()
    {
        await _core.ReportAsync("flaky.sh", "db-1", Signal.Success, thresholds: new AlertThresholds(Recoveries: 2));
        await _core.ReportAsync("flaky.sh", "db-1", Signal.Failure);
        await _core.ReportAsync("flaky.sh", "db-1", Signal.Success);
        await _core.ReportAsync("flaky.sh", "db-1", Signal.Failure);
        await _core.ReportAsync("flaky.sh", "db-1", Signal.Success);
        Assert.Equal(0, Events("down = FALSE"));

        await _core.ReportAsync("flaky.sh", "db-1", Signal.Success);

        Assert.Equal(1, Events("down = FALSE"));
        Assert.Equal(1, Events("down = TRUE"));
    }

    [Fact]
    public async Task Thresholds_out_of_range_are_refused_naming_the_parameter_and_nothing_is_written()
    {
        var result = await _core.Writer.ReportAsync("x.sh", "db-1", new ScriptReport(Signal.Success), thresholds: new AlertThresholds(0, 101));

        Assert.Equal(WriteOutcome.Invalid, result.Outcome);
        Assert.Equal(["failures", "recoveries"], result.Errors!.Select(e => e.Field));
        Assert.Equal(0, _core.Count("SELECT count(*) FROM scripts"));
    }

    [Fact]
    public async Task Pausing_an_announced_script_resolves_it_and_an_edit_that_brings_it_back_up_too()
    {
        var id = await _core.ReportAsync("a.sh", "db-1", Signal.Success, Schedule.Every(Periodicity.Hourly));
        await _core.ReportAsync("a.sh", "db-1", Signal.Failure);
        await _core.Writer.UpdateAsync(id, new ScriptChanges { Paused = true });

        Assert.Equal(1, Events("down = FALSE AND reason = 'paused'"));
    }

    [Fact]
    public async Task The_alert_event_is_committed_with_the_flip_in_one_transaction()
    {
        await _core.ReportAsync("a.sh", "db-1", Signal.Success);
        await _core.ReportAsync("a.sh", "db-1", Signal.Failure);

        // Both or neither: the flip and its event carry the same time, written by the same commit.
        Assert.Equal(1, _core.Count("SELECT count(*) FROM flips f JOIN alert_events e ON e.script_id = f.script_id AND e.at = f.at WHERE f.to_state = 'Failed'"));
    }
}

public sealed class TriggerTestsOnPostgres() : TriggerTests(DatabaseProvider.Postgres);
