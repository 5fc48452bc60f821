using Scripto.Core;
using Scripto.Core.Notifications;
using Scripto.Core.Scripts;

namespace Scripto.Tests.Notifications;

/// <summary>
/// A channel added while scripts are already down hears of them with the next script of their group that fails:
/// its message lists every script of the group down now, as an older channel's does.
/// </summary>
public class ChannelAddedWhileDownTests : IAsyncLifetime
{
    private readonly NotifyCore _core;

    public ChannelAddedWhileDownTests() : this(DatabaseProvider.Sqlite) { }

    protected ChannelAddedWhileDownTests(DatabaseProvider provider) => _core = new NotifyCore(provider: provider);

    public Task InitializeAsync() =>
        _core.ChannelAsync("""{"name": "ops", "kind": "webhook", "url": "https://hooks.example/ops", "group_wait": "0s", "group_interval": "1s"}""");

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task A_channel_added_later_lists_the_scripts_that_were_already_down_in_its_first_message()
    {
        foreach (var name in new[] { "deploy.sh", "cache.sh", "other.sh" }) await _core.ReportAsync(name, "web-1", Signal.Success);
        await _core.ReportAsync("nightly.sh", "db-1", Signal.Success);
        await _core.ReportAsync("deploy.sh", "web-1", Signal.Failure, exitCode: 2);
        await _core.ReportAsync("nightly.sh", "db-1", Signal.Failure, exitCode: 1);
        await _core.ReportAsync("other.sh", "web-1", Signal.Failure, exitCode: 1);
        await _core.ReportAsync("other.sh", "web-1", Signal.Success); // down, then back: not down now
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(1));
        var downAt = _core.Now;
        Assert.Contains(await _core.MessagesAsync(), m => m.GroupKey == "web-1" && m.Scripts.Select(s => s.Name).SequenceEqual(["deploy.sh"]));

        _core.Clock.Advance(TimeSpan.FromMinutes(2));
        await _core.ChannelAsync("""{"name": "web", "kind": "webhook", "url": "https://hooks.example/web", "servers": ["web-1"], "group_wait": "0s", "group_interval": "1s"}""");
        _core.Clock.Advance(TimeSpan.FromMinutes(1));
        await _core.ReportAsync("cache.sh", "web-1", Signal.Failure, exitCode: 1);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(2));

        var messages = await _core.MessagesAsync();
        var older = messages.Last(m => m.Channel == "ops" && m.GroupKey == "web-1");
        var added = Assert.Single(messages, m => m.Channel == "web");
        Assert.Equal(NotificationEvent.Down, added.Event);
        Assert.Equal(["cache.sh", "deploy.sh"], added.Scripts.Select(s => s.Name));
        Assert.Equal(older.Scripts.Select(s => (s.Name, s.Reason, s.Since)), added.Scripts.Select(s => (s.Name, s.Reason, s.Since)));
        Assert.True(added.Scripts[1].Since < downAt);
    }
}

public sealed class ChannelAddedWhileDownTestsOnPostgres() : ChannelAddedWhileDownTests(DatabaseProvider.Postgres);
