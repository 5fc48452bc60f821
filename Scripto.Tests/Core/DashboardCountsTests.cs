using Scripto.Core.Changes;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>The dashboard's counters: the last count a prerender may show instead of scanning the table again.</summary>
public sealed class DashboardCountsTests
{
    private static readonly TimeSpan FewSeconds = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_last_count_is_offered_for_a_few_seconds_also_after_the_feed_moved_with_the_mark_it_was_taken_at()
    {
        await using var core = new CoreServices();
        var writer = core.Get<ScriptWriter>();
        var queries = core.Get<DashboardQueries>();
        var feed = core.Get<ScriptChangeFeed>();
        Assert.Null(queries.LastCounts(FewSeconds)); // nothing counted yet: a prerender counts
        await writer.ReportAsync("failed.sh", "db-1", new ScriptReport(Signal.Failure, 1));

        var counted = await queries.CountsAsync();
        var taken = queries.LastCounts(FewSeconds)!.Value;
        await writer.ReportAsync("ok.sh", "db-1", new ScriptReport(Signal.Success));
        await Eventually.TrueAsync(() => feed.Mark != taken.FeedMark, "the second report published");
        core.Clock.Advance(TimeSpan.FromSeconds(4));

        var offered = queries.LastCounts(FewSeconds)!.Value;
        Assert.Equal(counted, offered.Counts); // one script, failing: the count as it was taken
        Assert.Equal((1, 1), (offered.Counts.Failing, offered.Counts.Total));
        Assert.NotEqual(feed.Mark, offered.FeedMark); // so the live page that follows the prerender counts again

        core.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(queries.LastCounts(FewSeconds));
    }
}
