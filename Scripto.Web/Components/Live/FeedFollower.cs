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

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private FeedFollower(ScriptChangeFeed feed, Func<ChangeBatch, Task> onBatch, ILogger log)
    {
        var subscription = feed.Subscribe();
        _loop = Task.Run(() => FollowAsync(subscription, onBatch, log, _stop.Token));
    }

    public static FeedFollower Start(ScriptChangeFeed feed, Func<ChangeBatch, Task> onBatch, ILogger log) => new(feed, onBatch, log);

    private static async Task FollowAsync(ChangeSubscription subscription, Func<ChangeBatch, Task> onBatch, ILogger log, CancellationToken cancellationToken)
    {
        using (subscription)
        {
            try
            {
                var missed = false;
                await foreach (var batch in subscription.ReadBatchesAsync(Coalesce, cancellationToken).ConfigureAwait(false))
                {
                    try
                    {
                        await onBatch(missed ? batch with { Everything = true } : batch).ConfigureAwait(false);
                        missed = false;
                    }
                    catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                    {
                        log.LogError(error, "A live page failed to refresh; it reloads on the next change");
                        missed = true;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
