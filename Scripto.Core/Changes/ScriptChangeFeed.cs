namespace Scripto.Core.Changes;

/// <summary>
/// The in-process feed of committed changes. Each subscriber gets its own bounded queue, so a slow or vanished
/// reader never slows the writer or another reader: when a queue is full its oldest entry is dropped and the
/// subscriber is told to reload everything.
/// </summary>
public sealed class ScriptChangeFeed
{
    private readonly Lock _gate = new();
    private ChangeSubscription[] _subscribers = [];

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    public ChangeSubscription Subscribe(int capacity = 4096)
    {
        var subscription = new ChangeSubscription(capacity, Unsubscribe);
        lock (_gate) _subscribers = [.. _subscribers, subscription];
        return subscription;
    }

    /// <summary>Called after a commit. Never blocks: each queue drops its oldest entry when full.</summary>
    public void Publish(IReadOnlyList<ScriptChange> changes)
    {
        if (changes.Count == 0) return;
        foreach (var subscriber in Volatile.Read(ref _subscribers))
            foreach (var change in changes)
                subscriber.Offer(change);
    }

    /// <summary>Tells every subscriber that time passed: what depends on the clock (late, soon, "5 min ago") moved.</summary>
    public void PublishTimePassed()
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
            subscriber.OfferEverything();
    }

    /// <summary>
    /// Tells every subscriber that changes may have been missed (another node's were, while this node could not hear
    /// them): re-read everything.
    /// </summary>
    public void PublishEverythingChanged()
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
            subscriber.OfferEverything();
    }

    private void Unsubscribe(ChangeSubscription subscription)
    {
        lock (_gate) _subscribers = _subscribers.Where(s => s != subscription).ToArray();
    }
}
