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
    public async Task A_batch_says_since_when_its_oldest_change_waited_and_a_batch_naming_none_says_nothing()
    {
        var feed = new ScriptChangeFeed();
        using var subscription = feed.Subscribe();
        await using var batches = subscription.ReadBatchesAsync(TimeSpan.Zero).GetAsyncEnumerator();

        feed.Publish([new ScriptChange(1, ScriptChangeKind.Updated)]);
        await Task.Delay(60);
        feed.Publish([new ScriptChange(2, ScriptChangeKind.Updated)]);
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(batches.Current.Since) >= TimeSpan.FromMilliseconds(55)); // from the first, not the second

        feed.PublishTimePassed();
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(batches.Current.Everything);
        Assert.Equal(0, batches.Current.Since);
    }

    [Fact]
    public void The_interval_between_batches_counts_from_the_hand_over_so_a_reader_s_own_work_is_not_waited_twice()
    {
        var interval = TimeSpan.FromMilliseconds(100);
        Assert.Equal(TimeSpan.FromMilliseconds(20), ChangeSubscription.Rest(interval, TimeSpan.FromMilliseconds(80)));
        Assert.Equal(TimeSpan.Zero, ChangeSubscription.Rest(interval, TimeSpan.FromMilliseconds(150)));
        Assert.Equal(interval, ChangeSubscription.Rest(interval, TimeSpan.Zero));
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
