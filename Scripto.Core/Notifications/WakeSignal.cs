namespace Scripto.Core.Notifications;

/// <summary>A wake-up call for a background loop that also looks on its own now and then: wakes coalesce, none is lost.</summary>
public class WakeSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        // Already woken: the writer rings after every batch with alerts, and a thrown SemaphoreFullException each time cost more than the batch's commit.
        if (_wake.CurrentCount > 0) return;
        try { _wake.Release(); } catch (SemaphoreFullException) { } // woken meanwhile by another thread
    }

    /// <summary>Waits for a wake or the timeout; true when woken.</summary>
    internal async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _wake.WaitAsync(stop.Token);
        var timer = Task.Delay(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, clock, stop.Token);
        var first = await Task.WhenAny(woken, timer);
        await stop.CancelAsync();
        await Task.WhenAll(woken, timer).ContinueWith(_ => { }, TaskScheduler.Default);
        cancellationToken.ThrowIfCancellationRequested();
        return first == woken && woken.IsCompletedSuccessfully;
    }
}

/// <summary>Rung by the writer after a commit that recorded alert events: the planner has something to group.</summary>
public sealed class AlertSignal : WakeSignal;
