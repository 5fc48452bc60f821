using Scripto.Core;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>
/// A channel's last_error says what is wrong now: a retried delivery sets it, the next good delivery clears it, so
/// the channel does not read "ok, retrying: ..." for ever once its receiver is back.
/// </summary>
public class ChannelErrorClearsTests : IAsyncLifetime
{
    private readonly DatabaseProvider _provider;

    public ChannelErrorClearsTests() : this(DatabaseProvider.Sqlite) { }

    protected ChannelErrorClearsTests(DatabaseProvider provider) => _provider = provider;

    private HttpReceiver _receiver = null!;
    private NotifyCore _core = null!;
    private long _channel;

    public async Task InitializeAsync()
    {
        _receiver = await HttpReceiver.StartAsync();
        _core = new NotifyCore(provider: _provider);
        _channel = await _core.ChannelAsync($$"""{"name": "ops", "kind": "webhook", "url": "{{_receiver.Url("hook")}}", "group_wait": "0s", "group_interval": "1s"}""");
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_good_delivery_after_retries_clears_the_channels_last_error()
    {
        _receiver.Status = 503;
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success);
        await _core.ReportAsync("backup.sh", "db-1", Signal.Failure);
        await _core.PlanAsync();
        await _core.DispatchAsync();
        var retrying = (await _core.Channels.GetAsync(_channel))!;
        Assert.Equal(ChannelStates.Ok, retrying.State);
        Assert.Contains("503", retrying.LastError);

        _receiver.Status = 200;
        _core.Clock.Advance(TimeSpan.FromMinutes(1));
        await _core.DispatchAsync();

        Assert.Equal([DeliveryOutcomes.Sent, DeliveryOutcomes.Retrying], (await _core.Channels.AttemptsAsync(_channel)).Select(a => a.Outcome));
        var channel = (await _core.Channels.GetAsync(_channel))!;
        Assert.Equal((ChannelStates.Ok, null), (channel.State, channel.LastError));
    }
}

public sealed class ChannelErrorClearsTestsOnPostgres() : ChannelErrorClearsTests(DatabaseProvider.Postgres);
