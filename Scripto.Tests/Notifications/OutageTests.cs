using Scripto.Core;
using Scripto.Core.Notifications;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Tests.Notifications;

/// <summary>Scripto's own outage pages no one: what fell overdue while it was down gets one more grace after start-up.</summary>
public sealed class OutageTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task After_two_hours_down_with_a_hundred_scripts_overdue_nothing_is_sent_during_the_extra_grace_and_those_still_silent_are_announced(DatabaseProvider provider)
    {
        await using var before = new NotifyCore(provider: provider) { KeepDatabase = true };
        await before.ChannelAsync("""{"name": "ops", "kind": "webhook", "url": "https://hooks.example/ops"}""");
        for (var i = 0; i < 100; i++)
            await before.ReportAsync($"job-{i}", "db-1", Signal.Success, Schedule.Every(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10)));
        await before.Provider.DisposeAsync(); // Scripto stops

        before.Clock.Advance(TimeSpan.FromHours(2));
        await using var after = new NotifyCore(before.Database, before.Clock, provider: before.DatabaseProvider);
        Assert.Equal(100, await after.FlipOverdueAsync()); // the time worker's first pass: all shown down at once
        await after.PlanAsync();
        for (var i = 0; i < 60; i++) await after.ReportAsync($"job-{i}", "db-1", Signal.Success); // back within the extra grace
        for (var minute = 0; minute < 9; minute++) await after.AdvanceAndPlanAsync(TimeSpan.FromMinutes(1));
        Assert.Empty(await after.MessagesAsync());

        await after.AdvanceAndPlanAsync(TimeSpan.FromMinutes(1)); // the extra grace (10 min) is over
        await after.AdvanceAndPlanAsync(TimeSpan.FromSeconds(30)); // and the group's wait

        var message = (await after.MessagesAsync()).Single();
        Assert.Equal(NotificationEvent.Down, message.Event);
        Assert.Equal(Enumerable.Range(60, 40).Select(i => $"job-{i}").Order(), message.Scripts.Select(s => s.Name).Order());
    }

    [Fact]
    public async Task A_script_that_goes_down_while_scripto_runs_is_not_held()
    {
        await using var core = new NotifyCore();
        await core.ReportAsync("job.sh", "db-1", Signal.Success, Schedule.Every(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10)));
        core.Clock.Advance(TimeSpan.FromMinutes(40));

        await core.FlipOverdueAsync();

        Assert.Equal(1, core.Count("SELECT count(*) FROM alert_events WHERE hold_until IS NULL"));
    }
}
