using System.Collections.Concurrent;
using System.Net.Http.Json;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Robustness;

/// <summary>
/// Scripto in a process of its own, with the shipped settings (WAL, synchronous NORMAL, which survives a process
/// kill though not a power cut), is SIGKILLed several times while clients report; each restart on the same file
/// must hold every report that was acknowledged, and the file must pass SQLite's integrity check.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Kills = 4;
    private const int Clients = 8;
    private const int AcknowledgedBeforeKill = 150;

    /// <summary>Names whose report got a 2xx: "v2-…" were pings (each must have a run), "v1-…" v1 creations.</summary>
    private readonly ConcurrentBag<string> _acknowledged = [];
    private readonly ConcurrentQueue<string> _unexpected = new();

    [Fact]
    public async Task Every_acknowledged_report_survives_repeated_SIGKILLs_and_the_file_stays_intact()
    {
        var path = TempDatabase.NewPath();
        try
        {
            for (var round = 0; round <= Kills; round++)
            {
                await using var server = await ScriptoProcess.StartAsync(path);
                AssertEverythingAcknowledgedIsThere(path, round);
                if (round == Kills) break;

                var cutShort = await ReportUntilKilledAsync(server, round);

                Assert.True(_unexpected.IsEmpty, string.Join("\n", _unexpected) + "\n" + server.Log);
                Assert.True(cutShort > 0, $"round {round}: no request was in flight when the server was killed");
            }
            Assert.True(_acknowledged.Count >= Kills * AcknowledgedBeforeKill);
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    /// <summary>Clients report until the server is killed under them; how many requests the kill cut short.</summary>
    private async Task<int> ReportUntilKilledAsync(ScriptoProcess server, int round)
    {
        var killed = false;
        var acknowledged = 0;
        var cutShort = 0;
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(5) };
            for (var seq = 0; ; seq++)
            {
                // Half the clients ping v2, half create through v1: both write paths.
                var name = $"{(client % 2 == 0 ? "v2" : "v1")}-{round}-{client}-{seq}";
                try
                {
                    using var response = client % 2 == 0
                        ? await http.PostAsync($"/api/v2/ping/{name}?server=crash", null)
                        : await http.PostAsJsonAsync("/api/v1/script", new { name, server = "crash", status = 1 });
                    if (response.IsSuccessStatusCode)
                    {
                        _acknowledged.Add(name);
                        Interlocked.Increment(ref acknowledged);
                    }
                    else _unexpected.Enqueue($"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    if (Volatile.Read(ref killed)) Interlocked.Increment(ref cutShort);
                    else _unexpected.Enqueue($"{name}: {e.Message} before the kill");
                    return;
                }
            }
        })).ToList();

        await Eventually.TrueAsync(() => Volatile.Read(ref acknowledged) >= AcknowledgedBeforeKill || !_unexpected.IsEmpty,
            $"{AcknowledgedBeforeKill} acknowledged reports", 15_000);
        Volatile.Write(ref killed, true);
        server.Kill();
        await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(10));
        return cutShort;
    }

    private void AssertEverythingAcknowledgedIsThere(string path, int round)
    {
        var connection = $"Data Source={path}";
        Assert.Equal("ok", DatabaseContents.Scalar(connection, "PRAGMA integrity_check"));
        Assert.Equal(0L, DatabaseContents.Scalar(connection, "SELECT count(*) FROM runs WHERE script_id NOT IN (SELECT id FROM scripts)"));
        var scripts = Names(connection, "SELECT name FROM scripts");
        var reported = Names(connection, "SELECT name FROM scripts s WHERE EXISTS (SELECT 1 FROM runs r WHERE r.script_id = s.id)");
        var lost = _acknowledged.Where(name => !(name.StartsWith("v2-") ? reported : scripts).Contains(name)).Order().ToList();
        Assert.True(lost.Count == 0, $"after kill {round}, {lost.Count} of {_acknowledged.Count} acknowledged reports are gone: {string.Join(", ", lost.Take(20))}");
    }

    private static HashSet<string> Names(string connectionString, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }
}
