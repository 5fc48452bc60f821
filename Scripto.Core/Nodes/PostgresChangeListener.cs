using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Scripto.Core.Changes;
using Scripto.Core.Notifications;
using Scripto.Core.Writing;

namespace Scripto.Core.Nodes;

/// <summary>
/// LISTENs on a dedicated session for the other nodes' changes and publishes them on this node's feed (never
/// relaying them again: only the writer relays), so every open page on this node updates. A message naming alert
/// events wakes the planner (it plans on the leader, wherever the report arrived). The writer learns the changed
/// scripts too, so that the leader trims the histories of runs reported to any node. When the session drops, it
/// reconnects with backoff and, once it listens again, tells every subscriber to reload everything: ids sent
/// meanwhile were missed.
/// </summary>
public sealed class PostgresChangeListener(
    string connectionString,
    NodeIdentity node,
    ScriptChangeFeed feed,
    AlertSignal alerts,
    TimeProvider clock,
    ILogger<PostgresChangeListener> log,
    ScriptWriter? writer = null) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(10);

    private volatile int _pid;

    /// <summary>Whether the session listens now.</summary>
    public bool Listening => _pid != 0;

    /// <summary>The listening session's backend process id (0 while there is none): what pg_terminate_backend takes.</summary>
    public int BackendProcessId => _pid;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var dropped = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var session = NodeConnections.Dedicated(connectionString, "listener");
                session.Notification += (_, message) => Receive(message.Payload);
                await session.OpenAsync(stoppingToken);
                await NodeConnections.KeepAliveFromServerAsync(session, stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {NodeConnections.ChangesChannel}", session))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _pid = session.ProcessID;
                retry = FirstRetry;
                if (dropped)
                {
                    log.LogInformation("Listening to the other nodes' changes again; every open page reloads");
                    feed.PublishEverythingChanged();
                    dropped = false;
                }
                while (true) await session.WaitAsync(stoppingToken); // keepalives (KeepAlive) go out meanwhile
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                if (!dropped) log.LogWarning(error, "Lost the other nodes' changes (the listening session failed); reconnecting");
                _pid = 0;
                dropped = true;
                await Task.Delay(retry, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                retry = retry * 2 < MaxRetry ? retry * 2 : MaxRetry;
            }
        }
        _pid = 0;
    }

    private void Receive(string payload)
    {
        if (ChangeMessage.Decode(payload) is not { } message)
        {
            log.LogDebug("Ignored a message on {Channel} that is not Scripto's: {Payload}", NodeConnections.ChangesChannel, payload);
            return;
        }
        if (message.Node == node.Id) return;
        writer?.ChangedOnAnotherNode(message.Changes);
        feed.Publish(message.Changes);
        if (message.CommittedAt is { } committed && message.Changes.Count > 0) feed.Latency.ArrivedFromAnotherNode(clock.GetUtcNow() - committed);
        if (message.Everything) feed.PublishEverythingChanged();
        if (message.Alerts) alerts.Wake();
    }
}
