using Scripto.Core.Changes;

namespace Scripto.Web.Components.Live;

/// <summary>
/// A page's subscription to the change feed: it reads coalesced batches on its own loop (never on the writer's
/// thread) and hands each to the page, which re-queries through InvokeAsync. Disposing ends the loop and the
/// subscription.
/// </summary>
public sealed class FeedFollower : IAsyncDisposable
{
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private FeedFollower(ScriptChangeFeed feed, Func<ChangeBatch, Task> onBatch)
    {
        var subscription = feed.Subscribe();
        _loop = Task.Run(() => FollowAsync(subscription, onBatch, _stop.Token));
    }

    public static FeedFollower Start(ScriptChangeFeed feed, Func<ChangeBatch, Task> onBatch) => new(feed, onBatch);

    private static async Task FollowAsync(ChangeSubscription subscription, Func<ChangeBatch, Task> onBatch, CancellationToken cancellationToken)
    {
        using (subscription)
        {
            try
            {
                await foreach (var batch in subscription.ReadBatchesAsync(Coalesce, cancellationToken).ConfigureAwait(false))
                    await onBatch(batch).ConfigureAwait(false);
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
