using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Scripto.Core.Changes;
using Scripto.Tests.Shared;
using Scripto.Web.Components.Live;

namespace Scripto.Tests.Components;

public sealed class FeedFollowerTests
{
    [Fact]
    public async Task A_refresh_that_fails_is_logged_and_the_page_keeps_following_and_reloads_everything_next_time()
    {
        var feed = new ScriptChangeFeed();
        var logs = new CapturedLogs();
        var seen = Channel.CreateUnbounded<ChangeBatch>();
        var fail = true;
        await using var follower = FeedFollower.Start(feed, batch =>
        {
            seen.Writer.TryWrite(batch);
            if (!fail) return Task.CompletedTask;
            fail = false;
            throw new InvalidOperationException("the database is unreachable");
        }, logs.CreateLogger("page"));

        feed.Publish([new ScriptChange(1, ScriptChangeKind.Updated)]);
        Assert.False((await seen.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Everything);
        feed.Publish([new ScriptChange(2, ScriptChangeKind.Updated)]);
        var next = await seen.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(next.Everything); // script 1 was never shown: reload it all
        Assert.Contains(2L, next.Changes.Keys);
        Assert.Equal(1, feed.SubscriberCount);
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("failed to refresh", error.Message);

        feed.Publish([new ScriptChange(3, ScriptChangeKind.Updated)]);
        Assert.False((await seen.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Everything); // back to normal
    }

    [Fact]
    public void A_refresh_slower_than_the_coalescing_window_is_followed_by_a_pause_and_a_fast_one_is_not()
    {
        Assert.Equal(TimeSpan.Zero, FeedFollower.Pause(TimeSpan.FromMilliseconds(5))); // 200 scripts: as before
        Assert.Equal(TimeSpan.Zero, FeedFollower.Pause(FeedFollower.Coalesce));
        // 150 ms to count and sort 100,000 scripts: 450 ms from one refresh's start to the next (a third refreshing).
        Assert.Equal(TimeSpan.FromMilliseconds(300), FeedFollower.Pause(TimeSpan.FromMilliseconds(150)));
        Assert.Equal(FeedFollower.MaxPause, FeedFollower.Pause(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Changes_published_while_a_slow_refresh_runs_arrive_together_in_the_next_one()
    {
        var feed = new ScriptChangeFeed();
        var seen = Channel.CreateUnbounded<(ChangeBatch Batch, long At)>();
        var first = true;
        await using var follower = FeedFollower.Start(feed, async batch =>
        {
            seen.Writer.TryWrite((batch, Environment.TickCount64));
            if (!first) return;
            first = false;
            for (var id = 2; id <= 6; id++) feed.Publish([new ScriptChange(id, ScriptChangeKind.Updated)]); // the time worker, meanwhile
            await Task.Delay(300); // a refresh of a large table
        }, new CapturedLogs().CreateLogger("page"));

        feed.Publish([new ScriptChange(1, ScriptChangeKind.Updated)]);
        var (one, started) = await seen.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var (next, at) = await seen.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([1L], one.Changes.Keys);
        Assert.Equal([2L, 3L, 4L, 5L, 6L], next.Changes.Keys.Order());
        Assert.True(at - started >= 550, $"the next refresh began {at - started} ms after the slow one"); // 2 × 300, less timer slack
    }
}
