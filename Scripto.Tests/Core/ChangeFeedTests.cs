using Scripto.Core.Changes;

namespace Scripto.Tests.Core;

public sealed class ChangeFeedTests
{
    [Fact]
    public async Task A_burst_reaches_a_subscriber_as_one_batch_of_distinct_ids()
    {
        var feed = new ScriptChangeFeed();
        using var subscription = feed.Subscribe();
        for (var i = 0; i < 1000; i++)
            feed.Publish([new ScriptChange(i % 10 + 1, ScriptChangeKind.Updated)]);

        await using var batches = subscription.ReadBatchesAsync(TimeSpan.Zero).GetAsyncEnumerator();
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal(10, batches.Current.Changes.Count);
        Assert.False(batches.Current.Everything);
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_is_told_to_reload_everything_and_never_blocks_the_publisher()
    {
        var feed = new ScriptChangeFeed();
        using var slow = feed.Subscribe(capacity: 4);

        for (var i = 0; i < 100; i++)
            feed.Publish([new ScriptChange(i, ScriptChangeKind.Updated)]);

        await using var batches = slow.ReadBatchesAsync(TimeSpan.Zero).GetAsyncEnumerator();
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(batches.Current.Everything);
        Assert.Equal([96, 97, 98, 99], batches.Current.Changes.Keys.Order());
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing_published_after_and_its_reading_ends()
    {
        var feed = new ScriptChangeFeed();
        var gone = feed.Subscribe();
        using var staying = feed.Subscribe();
        Assert.Equal(2, feed.SubscriberCount);

        gone.Dispose();
        feed.Publish([new ScriptChange(1, ScriptChangeKind.Deleted)]);

        Assert.Equal(1, feed.SubscriberCount);
        await using var ended = gone.ReadBatchesAsync(TimeSpan.Zero).GetAsyncEnumerator();
        Assert.False(await ended.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        await using var received = staying.ReadBatchesAsync(TimeSpan.Zero).GetAsyncEnumerator();
        Assert.True(await received.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(ScriptChangeKind.Deleted, received.Current.Changes[1]);
    }
}
