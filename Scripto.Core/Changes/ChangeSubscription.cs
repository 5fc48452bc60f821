using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Scripto.Core.Changes;

/// <summary>One reader's queue on the feed. Dispose it to unsubscribe.</summary>
public sealed class ChangeSubscription : IDisposable
{
    private readonly Channel<ScriptChange> _queue;
    private readonly Action<ChangeSubscription> _unsubscribe;
    private int _everything;

    // Wakes the reader without naming a script (ids start at 1).
    private static readonly ScriptChange Wake = new(0, ScriptChangeKind.Updated);

    internal ChangeSubscription(int capacity, Action<ChangeSubscription> unsubscribe)
    {
        _unsubscribe = unsubscribe;
        _queue = Channel.CreateBounded<ScriptChange>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Volatile.Write(ref _everything, 1));
    }

    internal void Offer(ScriptChange change) => _queue.Writer.TryWrite(change);

    internal void OfferEverything()
    {
        Volatile.Write(ref _everything, 1);
        _queue.Writer.TryWrite(Wake);
    }

    /// <summary>
    /// Coalesces bursts: waits for a change, hands over everything queued by then, and yields at most one batch
    /// per <paramref name="minInterval"/>, so a thousand reports in a second cost a reader a handful of batches.
    /// </summary>
    public async IAsyncEnumerable<ChangeBatch> ReadBatchesAsync(TimeSpan minInterval, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var changes = new Dictionary<long, ScriptChangeKind>();
            while (reader.TryRead(out var change))
                if (change != Wake) changes[change.ScriptId] = change.Kind;
            var everything = Interlocked.Exchange(ref _everything, 0) == 1;
            yield return new ChangeBatch(changes, everything);
            await Task.Delay(minInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _unsubscribe(this);
        _queue.Writer.TryComplete();
    }
}
