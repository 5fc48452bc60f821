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
}
