using System.Collections.Concurrent;
using Scripto.Core.Changes;

namespace Scripto.Tests.Nodes;

/// <summary>A subscriber of a node's feed, as a dashboard is: what it was told, read in a loop of its own.</summary>
public sealed class FeedRecorder : IAsyncDisposable
{
    private readonly ChangeSubscription _subscription;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private int _reloads;

    public FeedRecorder(ScriptChangeFeed feed)
    {
        _subscription = feed.Subscribe(capacity: 100_000);
        _reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in _subscription.ReadBatchesAsync(TimeSpan.Zero, _stop.Token))
                {
                    var now = System.Diagnostics.Stopwatch.GetTimestamp();
                    foreach (var (id, kind) in batch.Changes)
                    {
                        Changes[id] = kind;
                        Arrived.TryAdd(id, now);
                    }
                    if (batch.Everything) Interlocked.Increment(ref _reloads);
                }
            }
            catch (OperationCanceledException) { }
        });
    }

    public ConcurrentDictionary<long, ScriptChangeKind> Changes { get; } = new();

    /// <summary>When each id first reached the subscriber (a Stopwatch timestamp).</summary>
    public ConcurrentDictionary<long, long> Arrived { get; } = new();

    /// <summary>How many times the subscriber was told to reload everything.</summary>
    public int Reloads => Volatile.Read(ref _reloads);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _subscription.Dispose();
        _stop.Dispose();
    }
}
