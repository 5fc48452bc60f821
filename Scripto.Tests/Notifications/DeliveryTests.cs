using Scripto.Core;
using System.Text.Json;
using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>The dispatcher against real receivers: at least once, the same message id on every retry, refusals for good kept apart.</summary>
public class DeliveryTests : IAsyncLifetime
{
    private readonly DatabaseProvider _provider;

    public DeliveryTests() : this(DatabaseProvider.Sqlite) { }

    protected DeliveryTests(DatabaseProvider provider) => _provider = provider;

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

    private async Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync() => await _core.Channels.AttemptsAsync(_channel);

    private async Task FailAsync(string name)
    {
        await _core.ReportAsync(name, "db-1", Signal.Success);
        await _core.ReportAsync(name, "db-1", Signal.Failure);
        await _core.PlanAsync();
    }

    [Fact]
    public async Task A_test_message_is_sent_now_and_logged()
    {
        Assert.True(await _core.Channels.SendTestAsync(_channel));
        await _core.DispatchAsync();

        var request = await _receiver.SingleAsync();
        Assert.Equal("test", JsonDocument.Parse(request.Body).RootElement.GetProperty("event").GetString());
        Assert.StartsWith("msg_", request.Header("webhook-id"));
        var attempt = Assert.Single(await AttemptsAsync());
        Assert.Equal((DeliveryOutcomes.Sent, 200, "test"), (attempt.Outcome, attempt.StatusCode, attempt.Event));
        Assert.Equal(0, _core.Count("SELECT count(*) FROM notification_deliveries"));
    }

    [Fact]
    public async Task A_test_message_that_cannot_get_through_is_logged_as_failed_once_and_not_retried()
    {
        var dead = await _core.ChannelAsync("""{"name": "dead", "kind": "webhook", "url": "http://127.0.0.1:9/hook"}""");

        Assert.True(await _core.Channels.SendTestAsync(dead));
        await _core.DispatchAsync();
        _core.Clock.Advance(TimeSpan.FromHours(1));
        await _core.DispatchAsync();

        var attempt = Assert.Single(await _core.Channels.AttemptsAsync(dead));
        Assert.Equal((DeliveryOutcomes.Failed, "test"), (attempt.Outcome, attempt.Event));
        Assert.Equal(0, _core.Count("SELECT count(*) FROM notification_deliveries"));
        Assert.NotNull((await _core.Channels.GetAsync(dead))!.LastError);
    }

    [Fact]
    public async Task A_500_is_retried_later_with_the_same_message_id_until_a_200()
    {
        _receiver.Status = 500;
        await FailAsync("backup.sh");
        await _core.DispatchAsync();
        Assert.Equal(DeliveryOutcomes.Retrying, (await AttemptsAsync()).Single().Outcome);
        Assert.Equal(1, _core.Count("SELECT count(*) FROM notification_deliveries"));

        _receiver.Status = 200;
        _core.Clock.Advance(TimeSpan.FromSeconds(10)); // not yet: the backoff is 15 s give or take a fifth
        await _core.DispatchAsync();
        var tried = _receiver.Requests.Count;
        _core.Clock.Advance(TimeSpan.FromSeconds(10));
        await _core.DispatchAsync();

        Assert.Equal(tried + 1, _receiver.Requests.Count);
        Assert.Single(_receiver.Requests.Select(r => r.Header("webhook-id")).Distinct());
        Assert.Equal([DeliveryOutcomes.Sent, DeliveryOutcomes.Retrying], (await AttemptsAsync()).Select(a => a.Outcome));
        Assert.Equal(0, _core.Count("SELECT count(*) FROM notification_deliveries"));
        Assert.Equal(ChannelStates.Ok, (await _core.Channels.GetAsync(_channel))!.State);
    }

    [Fact]
    public async Task A_404_marks_the_channel_failing_and_nothing_more_is_sent_to_it_until_it_is_edited()
    {
        _receiver.Status = 404;
        await FailAsync("backup.sh");
        await _core.DispatchAsync();
        var channel = (await _core.Channels.GetAsync(_channel))!;
        Assert.Equal((ChannelStates.Failing, "404 Not Found"), (channel.State, channel.LastError));
        var sent = _receiver.Requests.Count;

        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(2));
        await FailAsync("vacuum.sh");
        await _core.AdvanceAndPlanAsync(TimeSpan.FromHours(1));
        await _core.DispatchAsync();
        Assert.Equal(sent, _receiver.Requests.Count);

        _receiver.Status = 200;
        var view = (await _core.Channels.GetAsync(_channel))!;
        await _core.Channels.UpdateAsync(_channel, new ChannelInput { Name = view.Name, Kind = view.Kind, Url = view.Url, GroupWait = "0s", GroupInterval = "1s" });
        await _core.DispatchAsync();

        Assert.Equal(sent + 2, _receiver.Requests.Count); // the refused message and the one held back
        Assert.Equal(ChannelStates.Ok, (await _core.Channels.GetAsync(_channel))!.State);
    }

    [Fact]
    public async Task A_passing_test_clears_a_failing_channel()
    {
        _receiver.Status = 410;
        await _core.Channels.SendTestAsync(_channel);
        await _core.DispatchAsync();
        Assert.Equal(ChannelStates.Failing, (await _core.Channels.GetAsync(_channel))!.State);

        _receiver.Status = 200;
        await _core.Channels.SendTestAsync(_channel);
        await _core.DispatchAsync();

        var channel = (await _core.Channels.GetAsync(_channel))!;
        Assert.Equal((ChannelStates.Ok, null), (channel.State, channel.LastError));
    }

    [Fact]
    public async Task Two_dispatchers_at_once_send_each_delivery_once()
    {
        for (var i = 0; i < 30; i++) await _core.Channels.SendTestAsync(_channel);
        var other = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<DeliveryDispatcher>(_core.Provider);
        var mine = _core.Provider.GetService(typeof(DeliveryDispatcher)) as DeliveryDispatcher;

        await Task.WhenAll(mine!.DispatchDueAsync(CancellationToken.None), other.DispatchDueAsync(CancellationToken.None));
        await _core.DispatchAsync();

        Assert.Equal(30, _receiver.Requests.Count);
        Assert.Equal(30, _receiver.Requests.Select(r => r.Header("webhook-id")).Distinct().Count());
    }

    [Fact]
    public async Task A_channel_keeps_its_last_hundred_attempts()
    {
        for (var i = 0; i < 105; i++) await _core.Channels.SendTestAsync(_channel);
        await _core.DispatchAsync();

        Assert.Equal(105, _receiver.Requests.Count);
        Assert.Equal(100, (await AttemptsAsync()).Count);
        Assert.Equal(100, _core.Count("SELECT count(*) FROM notification_attempts"));
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_is_given_up_after_a_day()
    {
        _receiver.Status = 503;
        await FailAsync("backup.sh");
        for (var hour = 0; hour < 26; hour++)
        {
            await _core.DispatchAsync();
            _core.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(DeliveryOutcomes.Abandoned, (await AttemptsAsync())[0].Outcome);
        Assert.Equal(0, _core.Count("SELECT count(*) FROM notification_deliveries"));
    }
}

public sealed class DeliveryTestsOnPostgres() : DeliveryTests(DatabaseProvider.Postgres);
