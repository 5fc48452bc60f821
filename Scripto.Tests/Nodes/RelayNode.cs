using Microsoft.Extensions.Logging.Abstractions;
using Scripto.Core.Changes;
using Scripto.Core.Nodes;
using Scripto.Core.Notifications;

namespace Scripto.Tests.Nodes;

/// <summary>The cross-node half of one Scripto node on a PostgreSQL database: its feed, relay and listener.</summary>
public sealed class RelayNode : IAsyncDisposable
{
    public RelayNode(string connectionString)
    {
        Relay = new PostgresChangeRelay(connectionString, Identity, TimeProvider.System, NullLogger<PostgresChangeRelay>.Instance);
        Listener = new PostgresChangeListener(connectionString, Identity, Feed, Alerts, TimeProvider.System, NullLogger<PostgresChangeListener>.Instance);
        Recorder = new FeedRecorder(Feed);
    }

    public NodeIdentity Identity { get; } = new();
    public ScriptChangeFeed Feed { get; } = new();
    public AlertSignal Alerts { get; } = new();
    public PostgresChangeRelay Relay { get; }
    public PostgresChangeListener Listener { get; }
    public FeedRecorder Recorder { get; }

    /// <summary>Started, and listening.</summary>
    public static async Task<RelayNode> StartAsync(string connectionString)
    {
        var node = new RelayNode(connectionString);
        await node.Relay.StartAsync(CancellationToken.None);
        await node.Listener.StartAsync(CancellationToken.None);
        await Shared.Eventually.TrueAsync(() => node.Listener.Listening, "the node listens");
        return node;
    }

    /// <summary>What a writer does after its commit: publish on its own feed, then relay.</summary>
    public void Commit(params ScriptChange[] changes)
    {
        Feed.Publish(changes);
        Relay.Relay(changes, alerts: false);
    }

    public async ValueTask DisposeAsync()
    {
        await Listener.StopAsync(CancellationToken.None);
        Listener.Dispose();
        await Relay.DisposeAsync();
        await Recorder.DisposeAsync();
    }
}
