using Scripto.Core;
using Scripto.Core.Nodes;
using Scripto.Core.Notifications;
using Scripto.Core.Scripts;

namespace Scripto.Tests.Notifications;

/// <summary>
/// Two nodes on one PostgreSQL database, the lead handed between them by the test: a planner keeps the flap states in
/// memory while it leads, and reads them again when it leads anew, so what the other node planned meanwhile holds.
/// </summary>
public sealed class PlannerLeadershipTests : IAsyncLifetime
{
    private sealed class HandedLeadership : NodeLeadership
    {
        public void Take() => Lead();
        public void Give() => Follow();
    }

    private readonly HandedLeadership _first = new(), _second = new();
    private readonly NotifyCore _a, _b;

    public PlannerLeadershipTests()
    {
        _a = new NotifyCore(flapLimit: 6, provider: DatabaseProvider.Postgres, leadership: _first);
        _b = new NotifyCore(_a.Database, _a.Clock, flapLimit: 6, provider: DatabaseProvider.Postgres, leadership: _second);
        _b.KeepDatabase = true; // _a drops it
    }

    public Task InitializeAsync() => _a.ChannelAsync("""{"name": "ops", "kind": "webhook", "url": "https://hooks.example/ops", "group_wait": "0s", "group_interval": "1s"}""");

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_node_that_leads_again_does_not_plan_from_what_it_remembered_before_another_node_led()
    {
        _first.Take();
        await _a.ReportAsync("flappy.sh", "db-1", Signal.Success);
        for (var i = 0; i < 4; i++) // eight changes in eight minutes: flapping on the first node's watch
        {
            await _a.ReportAsync("flappy.sh", "db-1", Signal.Failure);
            await _a.AdvanceAndPlanAsync(TimeSpan.FromMinutes(1));
            await _a.ReportAsync("flappy.sh", "db-1", Signal.Success);
            await _a.AdvanceAndPlanAsync(TimeSpan.FromMinutes(1));
        }
        Assert.Equal(NotificationEvent.Flapping, (await _a.MessagesAsync()).Last().Event);

        // The second node leads for an hour: flappy.sh settles on its watch, told there, and its state is forgotten.
        _first.Give();
        _second.Take();
        await _b.AdvanceAndPlanAsync(TimeSpan.FromMinutes(61));
        Assert.StartsWith("stopped flapping: up since", (await _a.MessagesAsync()).Last().Resolved.Single().Reason);

        // The first node leads again: flappy.sh's next failure is news (it remembered the script flapping).
        _second.Give();
        _first.Take();
        var told = (await _a.MessagesAsync()).Count;
        await _a.ReportAsync("flappy.sh", "db-1", Signal.Failure, exitCode: 1);
        await _a.AdvanceAndPlanAsync(TimeSpan.FromSeconds(1));
        var down = (await _a.MessagesAsync()).Skip(told).Single();
        Assert.Equal((NotificationEvent.Down, "flappy.sh"), (down.Event, down.Scripts.Single().Name));
    }
}
