using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Scripto.Core.Changes;

/// <summary>One reader's queue on the feed. Dispose it to unsubscribe.</summary>
public sealed class ChangeSubscription : IDisposable
{
    private readonly Channel<ScriptChange> _queue;
    private readonly Action<ChangeSubscription> _unsubscribe;
    private int _everything;
    private long _oldest; // when the oldest change not yet read was offered (Stopwatch), 0 when none

    // Wakes the reader without naming a script (ids start at 1).
    private static readonly ScriptChange Wake = new(0, ScriptChangeKind.Updated);

    internal ChangeSubscription(int capacity, Action<ChangeSubscription> unsubscribe)
    {
        _unsubscribe = unsubscribe;
        _queue = Channel.CreateBounded<ScriptChange>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Volatile.Write(ref _everything, 1));
    }

    internal void Offer(ScriptChange change)
    {
        if (Volatile.Read(ref _oldest) == 0) Interlocked.CompareExchange(ref _oldest, Stopwatch.GetTimestamp(), 0);
        _queue.Writer.TryWrite(change);
    }

    internal void OfferEverything()
    {
        Volatile.Write(ref _everything, 1);
        _queue.Writer.TryWrite(Wake);
    }

    /// <summary>
    /// Coalesces bursts: waits for a change, hands over everything queued by then, and yields at most one batch
    /// per <paramref name="minInterval"/>, so a thousand reports in a second cost a reader a handful of batches.
    /// The interval counts from when the last batch was handed over, not from when the reader came back for more:
    /// a page whose refresh took 80 ms waits 20 ms more, not 100 (every change that came meanwhile waited that too).
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
            // Taken after the reads: a change offered in between goes unstamped, and its batch's wait is measured
            // from a later change or not at all: understated at worst, never overstated.
            var since = Interlocked.Exchange(ref _oldest, 0);
            var handedOver = Stopwatch.GetTimestamp();
            yield return new ChangeBatch(changes, everything, changes.Count > 0 ? since : 0);
            var rest = Rest(minInterval, Stopwatch.GetElapsedTime(handedOver));
            if (rest > TimeSpan.Zero) await Task.Delay(rest, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What is left of <paramref name="minInterval"/> once the reader spent <paramref name="readerTook"/> on the last batch.</summary>
    internal static TimeSpan Rest(TimeSpan minInterval, TimeSpan readerTook) => readerTook < minInterval ? minInterval - readerTook : TimeSpan.Zero;

    public void Dispose()
    {
        _unsubscribe(this);
        _queue.Writer.TryComplete();
    }
}
