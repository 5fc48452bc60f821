using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Scripto.Core.Nodes;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Nodes;

/// <summary>Leadership among nodes on one real PostgreSQL database; the takeovers run on real time, within the 10 s promised.</summary>
public sealed class NodeLeadershipTests : IAsyncLifetime
{
    private const int Takeover = 10_000;

    private readonly CapturedLogs _logs = new();
    private readonly List<PostgresLeadership> _nodes = [];
    private string _database = "";

    public async Task InitializeAsync() => _database = await PostgresCluster.CreateDatabaseAsync("leaders");

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
    }

    private async Task<PostgresLeadership> StartNodeAsync()
    {
        var node = new PostgresLeadership(_database, TimeProvider.System, new LoggerFactory([_logs]).CreateLogger<PostgresLeadership>());
        _nodes.Add(node);
        await node.StartAsync(CancellationToken.None);
        return node;
    }

    [Fact]
    public async Task Of_two_nodes_on_one_database_exactly_one_leads_and_the_other_says_it_follows()
    {
        var first = await StartNodeAsync();
        var second = await StartNodeAsync();

        await Eventually.TrueAsync(() => first.IsLeader || second.IsLeader, "a node leads");
        await Eventually.TrueAsync(() => _logs.Entries.Any(e => e.Message.StartsWith("This node follows")), "the other tried and follows");

        Assert.True(first.IsLeader ^ second.IsLeader);
        Assert.Single(_logs.Entries, e => e.Message.StartsWith("This node leads"));
        Assert.Single(await LockHoldersAsync());
    }

    [Fact]
    public async Task When_the_leaders_session_is_terminated_it_stops_leading_at_once_and_the_other_leads_within_10_seconds()
    {
        var first = await StartNodeAsync();
        await Eventually.TrueAsync(() => first.IsLeader, "the first node leads");
        var second = await StartNodeAsync();
        var takingOver = second.WaitUntilLeaderAsync(CancellationToken.None); // what a follower's workers wait on
        Assert.False(takingOver.IsCompleted);

        await NodeRelayTests.TerminateAsync(_database, Assert.Single(await LockHoldersAsync()));

        await Eventually.TrueAsync(() => !first.IsLeader, "the first node stopped leading", timeoutMs: 2000);
        await takingOver.WaitAsync(TimeSpan.FromMilliseconds(Takeover));
        Assert.True(second.IsLeader);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("This node stopped leading"));
        await Eventually.TrueAsync(async () => (await SessionsAsync()) == 2, "the first node is back, as a follower");
        Assert.False(first.IsLeader);
    }

    [Fact]
    public async Task When_the_leader_shuts_down_the_other_node_leads_within_10_seconds()
    {
        var first = await StartNodeAsync();
        await Eventually.TrueAsync(() => first.IsLeader, "the first node leads");
        var second = await StartNodeAsync();
        await Eventually.TrueAsync(async () => (await SessionsAsync()) == 2, "the second node follows");

        await first.StopAsync(CancellationToken.None);

        await second.WaitUntilLeaderAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMilliseconds(Takeover));
        Assert.False(first.IsLeader);
    }

    [Fact]
    public async Task When_the_leading_process_is_killed_the_other_node_leads_within_10_seconds()
    {
        // A process holding the lock as a leader does, killed with SIGKILL: nothing of it says goodbye.
        var server = new NpgsqlConnectionStringBuilder(_database);
        // Its session then idles, as a leader's does between its checks (a session busy in a query would notice the
        // vanished client only when the query ends).
        var psql = Process.Start(new ProcessStartInfo("psql", ["-h", server.Host!, "-p", server.Port.ToString(), "-U", server.Username!, "-d", server.Database!])
        { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            await psql.StandardInput.WriteLineAsync($"SELECT pg_advisory_lock({NodeConnections.LeaderKey});");
            await psql.StandardInput.FlushAsync();
            await Eventually.TrueAsync(async () => (await LockHoldersAsync()).Count == 1, "the other process leads");
            var node = await StartNodeAsync();
            await Eventually.TrueAsync(() => _logs.Entries.Any(e => e.Message.StartsWith("This node follows")), "the node follows");

            psql.Kill();

            await node.WaitUntilLeaderAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMilliseconds(Takeover));
        }
        finally
        {
            if (!psql.HasExited) psql.Kill();
            psql.Dispose();
        }
    }

    /// <summary>The backends holding the leader's lock on the test's database.</summary>
    private async Task<List<int>> LockHoldersAsync() => await QueryAsync<int>(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");

    private async Task<int> SessionsAsync() => (await QueryAsync<long>(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'scripto leadership' AND datname = current_database()"))[0] is var n ? (int)n : 0;

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(reader.GetFieldValue<T>(0));
        return rows;
    }
}
