using Scripto.Core;
using Scripto.Core.Changes;
using Scripto.Core.Nodes;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Nodes;

/// <summary>
/// Two nodes' Scripto.Core on one PostgreSQL database, each with its own fake clock: the histories are trimmed by the
/// leader alone, those of the scripts that report to the other node too.
/// </summary>
public sealed class LeaderPruningTests : IAsyncLifetime
{
    private CoreServices _first = null!, _second = null!;
    private CoreServices _leader = null!, _follower = null!;

    public async Task InitializeAsync()
    {
        _first = new CoreServices(keepRuns: 3, provider: DatabaseProvider.Postgres);
        _second = new CoreServices(keepRuns: 3, provider: DatabaseProvider.Postgres, connectionString: _first.ConnectionString) { KeepDatabase = true };
        await Eventually.TrueAsync(() => Leads(_first) != Leads(_second), "one node leads, the other follows");
        (_leader, _follower) = Leads(_first) ? (_first, _second) : (_second, _first);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync(); // drops the database
    }

    private static bool Leads(CoreServices node) => node.Get<NodeLeadership>().IsLeader;

    private long Runs(long id) => (long)DatabaseContents.Scalar(_leader.ConnectionString, $"SELECT count(*) FROM runs WHERE script_id = {id}")!;

    [Fact]
    public async Task Only_the_leader_trims_histories_and_it_trims_those_of_scripts_that_report_to_the_follower()
    {
        using var leaderFeed = _leader.Get<ScriptChangeFeed>().Subscribe();
        await using var heard = leaderFeed.ReadBatchesAsync(TimeSpan.Zero).GetAsyncEnumerator();
        var writer = _follower.Get<ScriptWriter>();
        long id = 0;
        for (var i = 0; i < 6; i++) id = (await writer.ReportAsync("chatty.sh", "srv", new ScriptReport(Signal.Success))).Script!.Id;
        // The leader has heard of the script's runs (its listener feeds its page and its upkeep alike).
        await Eventually.TrueAsync(async () =>
            await heard.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)) && heard.Current.Changes.ContainsKey(id),
            "the leader heard of chatty.sh");

        using var followerFeed = _follower.Get<ScriptChangeFeed>().Subscribe();
        await using var ticks = followerFeed.ReadBatchesAsync(TimeSpan.Zero).GetAsyncEnumerator();
        _follower.Clock.Advance(StorageUpkeep.PruneEvery);
        // The follower's ticker saw the minute pass, and its writer answers: an upkeep that trimmed would have by now.
        await Eventually.TrueAsync(async () => await ticks.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)) && ticks.Current.Everything,
            "the follower's ticker ran");
        await writer.ReportAsync("other.sh", "srv", new ScriptReport(Signal.Success));
        Assert.Equal(6L, Runs(id));

        _leader.Clock.Advance(StorageUpkeep.PruneEvery);

        await Eventually.TrueAsync(() => Runs(id) == 3, "the leader trims chatty.sh's history to 3 runs");
    }
}
