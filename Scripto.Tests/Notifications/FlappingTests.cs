using Scripto.Core.Notifications;
using Scripto.Core.Scripts;

namespace Scripto.Tests.Notifications;

/// <summary>A script that keeps changing is told once as flapping, then nothing until it settles, then where it ended.</summary>
public sealed class FlappingTests : IAsyncLifetime
{
    private readonly NotifyCore _core = new(flapLimit: 6);

    public Task InitializeAsync() => _core.ChannelAsync("""{"name": "ops", "kind": "webhook", "url": "https://hooks.example/ops", "group_wait": "0s", "group_interval": "1s"}""");

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private async Task ChangeAsync(Signal signal)
    {
        await _core.ReportAsync("flappy.sh", "db-1", signal);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task More_than_six_changes_in_an_hour_make_one_flapping_notice_then_silence_then_one_message_with_where_it_ended()
    {
        await _core.ReportAsync("flappy.sh", "db-1", Signal.Success);
        for (var i = 0; i < 3; i++)
        {
            await ChangeAsync(Signal.Failure);
            await ChangeAsync(Signal.Success);
        }
        Assert.Equal(6, (await _core.MessagesAsync()).Count); // six changes: each told

        await ChangeAsync(Signal.Failure); // the seventh in the hour
        var flapping = (await _core.MessagesAsync()).Skip(6).Single();
        Assert.Equal(NotificationEvent.Flapping, flapping.Event);
        Assert.Equal("flappy.sh", flapping.Scripts.Single().Name);

        for (var i = 0; i < 5; i++)
        {
            await ChangeAsync(Signal.Success);
            await ChangeAsync(Signal.Failure);
        }
        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(50)); // not yet an hour since the last change
        Assert.Equal(7, (await _core.MessagesAsync()).Count);

        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(10));

        var ended = (await _core.MessagesAsync()).Skip(7).Single();
        Assert.Equal(NotificationEvent.Down, ended.Event);
        Assert.StartsWith("stopped flapping: down since", ended.Scripts.Single().Reason);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(30));
        Assert.Equal(8, (await _core.MessagesAsync()).Count);
    }

    [Fact]
    public async Task A_flapping_script_is_still_listed_in_its_groups_next_message_as_flapping()
    {
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success);
        await _core.ReportAsync("flappy.sh", "db-1", Signal.Success);
        for (var i = 0; i < 3; i++)
        {
            await ChangeAsync(Signal.Failure);
            await ChangeAsync(Signal.Success);
        }
        await ChangeAsync(Signal.Failure); // the seventh in the hour: flapping
        Assert.Equal(NotificationEvent.Flapping, (await _core.MessagesAsync()).Last().Event);

        _core.Clock.Advance(TimeSpan.FromMinutes(1));
        await _core.ReportAsync("backup.sh", "db-1", Signal.Failure); // another script of the group goes down
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(2));

        var down = (await _core.MessagesAsync()).Last();
        Assert.Equal(NotificationEvent.Down, down.Event);
        Assert.Equal(["backup.sh", "flappy.sh"], down.Scripts.Select(s => s.Name));
        Assert.StartsWith("flapping: more than 6 status changes in an hour", down.Scripts[1].Reason);
        Assert.Equal("[Scripto] DOWN: 2 scripts on db-1: backup.sh, flappy.sh", Scripto.Core.Notifications.Formats.MessageText.Title(down));

        await _core.ReportAsync("backup.sh", "db-1", Signal.Success); // the group is not all clear while flappy.sh flaps
        await _core.AdvanceAndPlanAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(NotificationEvent.Down, (await _core.MessagesAsync()).Last().Event);
    }
}
