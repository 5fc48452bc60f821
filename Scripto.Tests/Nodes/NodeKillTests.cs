using System.Collections.Concurrent;
using System.Diagnostics;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Nodes;

/// <summary>A node SIGKILLed (the OOM killer, a pulled plug): the other carries on, and nothing acknowledged is lost.</summary>
public sealed class NodeKillTests
{
    [Fact]
    public async Task When_the_node_doing_the_time_work_is_killed_the_other_flips_the_next_overdue_script_within_10_s()
    {
        await using var nodes = await PostgresNodes.StartAsync(2);
        var leader = await nodes.LeaderAsync();
        var survivor = nodes.Nodes[1 - leader];
        using var http = new HttpClient { BaseAddress = survivor.Address, Timeout = TimeSpan.FromSeconds(10) };

        nodes.Nodes[leader].Kill();
        var killed = Stopwatch.StartNew();
        // Overdue 1 s after it started: only a node doing the time work notices.
        (await http.PostAsync("/api/v2/ping/after-kill.sh/start?server=db-1&max_runtime=1s", null)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(async () => await nodes.CountAsync(
                "SELECT count(*) FROM flips f JOIN scripts s ON s.id = f.script_id WHERE s.name = 'after-kill.sh' AND f.to_state = 'Down'") == 1,
            "the surviving node flipped after-kill.sh to down", 10_000 - (int)killed.ElapsedMilliseconds);
        Assert.Equal(1 - leader, await nodes.LeaderAsync());
    }

    [Fact]
    public async Task A_node_killed_under_load_loses_no_acknowledged_report()
    {
        await using var nodes = await PostgresNodes.StartAsync(2);
        var acknowledged = new ConcurrentBag<string>();
        var unexpected = new ConcurrentQueue<string>();
        var killed = 0;
        var onA = 0;

        var clients = Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            var node = nodes.Nodes[client % 2];
            using var http = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(5) };
            for (var seq = 0; seq < 400; seq++)
            {
                var name = $"load-{client}-{seq}.sh";
                try
                {
                    using var answer = await http.PostAsync($"/api/v2/ping/{name}?server=load", null);
                    if (!answer.IsSuccessStatusCode) unexpected.Enqueue($"{name}: {(int)answer.StatusCode}");
                    else
                    {
                        acknowledged.Add(name);
                        if (client % 2 == 0) Interlocked.Increment(ref onA);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    if (client % 2 == 0 && Volatile.Read(ref killed) == 1) return; // node A is gone: its clients stop
                    unexpected.Enqueue($"{name}: {e.Message}");
                    return;
                }
            }
        })).ToList();

        await Eventually.TrueAsync(() => Volatile.Read(ref onA) >= 200, "node A acknowledged 200 reports", 60_000);
        Volatile.Write(ref killed, 1);
        nodes.Nodes[0].Kill();
        await Task.WhenAll(clients);

        Assert.True(unexpected.IsEmpty, string.Join("\n", unexpected.Take(20)));
        var stored = (await nodes.ListAsync<string>("SELECT s.name FROM scripts s JOIN runs r ON r.script_id = s.id WHERE s.server = 'load'")).ToHashSet();
        var lost = acknowledged.Where(n => !stored.Contains(n)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged reports are not in the database: {string.Join(", ", lost.Take(10))}");
    }
}
