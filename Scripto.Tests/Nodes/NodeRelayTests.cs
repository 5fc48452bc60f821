using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Scripto.Core;
using Scripto.Core.Changes;
using Scripto.Core.Nodes;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Nodes;

/// <summary>Two nodes on one real PostgreSQL database (two relays and listeners in this process are two nodes).</summary>
public sealed class NodeRelayTests
{
    [Fact]
    public async Task A_change_committed_on_one_node_reaches_the_other_nodes_feed_and_never_comes_back_to_its_own()
    {
        var database = await PostgresCluster.CreateDatabaseAsync("nodes");
        await using var a = await RelayNode.StartAsync(database);
        await using var b = await RelayNode.StartAsync(database);

        a.Relay.Relay([new ScriptChange(42, ScriptChangeKind.Created)], alerts: false); // relayed only, not published on A
        await Eventually.TrueAsync(() => b.Recorder.Changes.ContainsKey(42), "B's feed has A's change");
        // Notifications arrive in commit order: once A has B's later change, it would have had its own by then.
        b.Relay.Relay([new ScriptChange(43, ScriptChangeKind.Updated)], alerts: false);
        await Eventually.TrueAsync(() => a.Recorder.Changes.ContainsKey(43), "A's feed has B's change");

        Assert.Equal(ScriptChangeKind.Created, b.Recorder.Changes[42]);
        Assert.False(a.Recorder.Changes.ContainsKey(42), "A's own change came back to A (or B sent it on)");
        Assert.False(b.Recorder.Changes.ContainsKey(43), "B's own change came back to B");
        Assert.Equal(0, a.Recorder.Reloads + b.Recorder.Reloads);
    }

    [Fact]
    public async Task A_report_committed_by_one_nodes_writer_reaches_the_other_nodes_feed()
    {
        var database = await PostgresCluster.CreateDatabaseAsync("nodes");
        await using var b = await RelayNode.StartAsync(database);
        var file = TempDatabase.NewPath();
        try
        {
            // Node A: the real writer (on SQLite until the PostgreSQL store lands) with the nodes' PostgreSQL services.
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddLogging();
            builder.Services.AddScriptoCore(new ScriptoOptions { ConnectionString = $"Data Source={file}" });
            builder.Services.AddScriptoNodes(postgres: true, database);
            var a = builder.Build();
            await using var disposeA = (IAsyncDisposable)a; // the nodes' services stop their loops asynchronously
            DatabaseSetup.Migrate(a.Services.GetRequiredService<IDbContextFactory<ScriptoDbContext>>());
            await a.StartAsync();

            var result = await a.Services.GetRequiredService<ScriptWriter>().ReportAsync("backup.sh", "db1", new ScriptReport(Signal.Success));

            await Eventually.TrueAsync(() => b.Recorder.Changes.ContainsKey(result.Script!.Id), "B's feed has the script A's writer created");
            Assert.Equal(ScriptChangeKind.Created, b.Recorder.Changes[result.Script!.Id]);
            await a.StopAsync();
        }
        finally
        {
            TempDatabase.Delete(file);
        }
    }

    [Fact]
    public async Task A_dropped_listening_session_makes_every_page_reload_and_later_changes_arrive_again()
    {
        var database = await PostgresCluster.CreateDatabaseAsync("nodes");
        await using var a = await RelayNode.StartAsync(database);
        await using var b = await RelayNode.StartAsync(database);
        var dropped = b.Listener.BackendProcessId;

        await TerminateAsync(database, dropped);

        await Eventually.TrueAsync(() => b.Recorder.Reloads > 0, "B's subscriber is told to reload everything", timeoutMs: 10_000);
        Assert.True(b.Listener.Listening);
        Assert.NotEqual(dropped, b.Listener.BackendProcessId);
        a.Relay.Relay([new ScriptChange(7, ScriptChangeKind.Updated)], alerts: false);
        await Eventually.TrueAsync(() => b.Recorder.Changes.ContainsKey(7), "B hears A again");
    }

    [Fact]
    public async Task A_change_set_larger_than_one_notify_arrives_whole()
    {
        var database = await PostgresCluster.CreateDatabaseAsync("nodes");
        await using var a = await RelayNode.StartAsync(database);
        await using var b = await RelayNode.StartAsync(database);
        var changes = Enumerable.Range(1, 20_000).Select(i => new ScriptChange(i, ScriptChangeKind.Updated)).ToArray();

        a.Commit(changes); // about 140 KB of ids: PostgreSQL refuses a payload over 8,000 bytes

        await Eventually.TrueAsync(() => b.Recorder.Changes.Count == changes.Length, "B has every id", timeoutMs: 10_000);
        Assert.Equal(0, b.Recorder.Reloads);
    }

    [Fact]
    public async Task Alert_events_recorded_on_one_node_wake_the_planner_of_the_others()
    {
        var database = await PostgresCluster.CreateDatabaseAsync("nodes");
        await using var a = await RelayNode.StartAsync(database);
        await using var b = await RelayNode.StartAsync(database);

        a.Relay.Relay([], alerts: true);

        Assert.True(await b.Alerts.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None), "B's planner was not woken");
    }

    internal static async Task TerminateAsync(string database, int pid)
    {
        await using var admin = new NpgsqlConnection(database);
        await admin.OpenAsync();
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
        terminate.Parameters.AddWithValue("pid", pid);
        Assert.True((bool)(await terminate.ExecuteScalarAsync())!);
    }
}
