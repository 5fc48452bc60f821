using System.Diagnostics;
using Scripto.Core.Changes;

namespace Scripto.Web.Components.Live;

/// <summary>
/// A page's subscription to the change feed: it reads coalesced batches on its own loop (never on the writer's
/// thread) and hands each to the page, which re-queries through InvokeAsync. A refresh that fails is logged and
/// the page keeps following: the next batch tells it to reload everything, since what the failed one named was
/// never shown. Disposing ends the loop and the subscription.
/// </summary>
public sealed class FeedFollower : IAsyncDisposable
{
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// After a refresh that took longer than <see cref="Coalesce"/>, the page waits twice as long before the next: with
    /// 100,000 scripts a refresh counts and sorts the whole table (0.15 s on a quiet machine, more under load), and the
    /// time worker's changes arrive several times a second, so a page that refreshed on every batch kept a core busy
    /// and every click waited behind it. Paced, a page spends at most a third of its time refreshing; a faster
    /// refresh is followed by the next batch one <see cref="Coalesce"/> after the last began (the feed counts the
    /// interval from the hand-over), so its changes wait no longer for the refresh before. Measured with the wall
    /// clock (Stopwatch), not the app's TimeProvider: this paces work by what it costs, it is not time-based behaviour.
    /// </summary>
    public const int PaceFactor = 2;

    /// <summary>The longest pause, however slow a refresh was.</summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private FeedFollower(ScriptChangeFeed feed, Func<ChangeBatch, Task> onBatch, ILogger log)
    {
        var subscription = feed.Subscribe();
        _loop = Task.Run(() => FollowAsync(subscription, onBatch, feed.Latency, log, _stop.Token));
    }

    public static FeedFollower Start(ScriptChangeFeed feed, Func<ChangeBatch, Task> onBatch, ILogger log) => new(feed, onBatch, log);

    private static async Task FollowAsync(ChangeSubscription subscription, Func<ChangeBatch, Task> onBatch, LiveLatency latency, ILogger log,
        CancellationToken cancellationToken)
    {
        using (subscription)
        {
            try
            {
                var missed = false;
                await foreach (var batch in subscription.ReadBatchesAsync(Coalesce, cancellationToken).ConfigureAwait(false))
                {
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        await onBatch(missed ? batch with { Everything = true } : batch).ConfigureAwait(false);
                        missed = false;
                        latency.PageRefreshed(Stopwatch.GetElapsedTime(started), batch.Since == 0 ? null : Stopwatch.GetElapsedTime(batch.Since));
                    }
                    catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                    {
                        log.LogError(error, "A live page failed to refresh; it reloads on the next change");
                        missed = true;
                    }
                    // A slow refresh is followed by a pause; a fast one by the rest of the feed's interval.
                    var pause = Pause(Stopwatch.GetElapsedTime(started));
                    if (pause > TimeSpan.Zero) await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        }
    }

    /// <summary>
    /// How long to wait after a refresh that took <paramref name="took"/> (the feed's own interval has passed by then:
    /// it counts from the hand-over).
    /// </summary>
    internal static TimeSpan Pause(TimeSpan took) => took <= Coalesce ? TimeSpan.Zero : took * PaceFactor < MaxPause ? took * PaceFactor : MaxPause;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
