namespace Scripto.Core.Changes;

/// <summary>
/// The in-process feed of committed changes. Each subscriber gets its own bounded queue, so a slow or vanished
/// reader never slows the writer or another reader: when a queue is full its oldest entry is dropped and the
/// subscriber is told to reload everything.
/// </summary>
public sealed class ScriptChangeFeed(LiveLatency? latency = null)
{
    /// <summary>How late its subscribers and the other nodes' changes are (measured by them, exported on /metrics).</summary>
    public LiveLatency Latency { get; } = latency ?? new LiveLatency();

    private readonly Lock _gate = new();
    private ChangeSubscription[] _subscribers = [];
    private IChangeWatcher[] _watchers = [];
    private long _version;

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>
    /// Where this feed is: it moves on with everything published (changes, time passed, everything changed) and names
    /// this process, so two equal marks mean nothing was published in between. A prerendered page keeps its mark and,
    /// once live and subscribed, skips the re-query when the mark has not moved.
    /// </summary>
    public string Mark => $"{_instance}:{Interlocked.Read(ref _version)}";

    private readonly string _instance = Guid.NewGuid().ToString("N");

    public ChangeSubscription Subscribe(int capacity = 4096)
    {
        var subscription = new ChangeSubscription(capacity, Unsubscribe);
        lock (_gate) _subscribers = [.. _subscribers, subscription];
        return subscription;
    }

    /// <summary>
    /// Hands every change to <paramref name="watcher"/> as it is published, on the publisher's thread and before any
    /// subscriber's queue: for a reader that must never miss one (no queue, nothing dropped), and so must be quick.
    /// </summary>
    public void Watch(IChangeWatcher watcher)
    {
        lock (_gate) _watchers = [.. _watchers, watcher];
    }

    /// <summary>Called after a commit. Never blocks: each queue drops its oldest entry when full.</summary>
    public void Publish(IReadOnlyList<ScriptChange> changes)
    {
        if (changes.Count == 0) return;
        foreach (var watcher in Volatile.Read(ref _watchers))
            watcher.Changed(changes);
        Interlocked.Increment(ref _version);
        foreach (var subscriber in Volatile.Read(ref _subscribers))
            foreach (var change in changes)
                subscriber.Offer(change);
    }

    /// <summary>Tells every subscriber that time passed: what depends on the clock (late, soon, "5 min ago") moved.</summary>
    public void PublishTimePassed()
    {
        Interlocked.Increment(ref _version);
        foreach (var subscriber in Volatile.Read(ref _subscribers))
            subscriber.OfferEverything();
    }

    /// <summary>
    /// Tells every subscriber that changes may have been missed (another node's were, while this node could not hear
    /// them): re-read everything.
    /// </summary>
    public void PublishEverythingChanged()
    {
        foreach (var watcher in Volatile.Read(ref _watchers))
            watcher.EverythingChanged();
        Interlocked.Increment(ref _version);
        foreach (var subscriber in Volatile.Read(ref _subscribers))
            subscriber.OfferEverything();
    }

    private void Unsubscribe(ChangeSubscription subscription)
    {
        lock (_gate) _subscribers = _subscribers.Where(s => s != subscription).ToArray();
    }
}
