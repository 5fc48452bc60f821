using Npgsql;
using Scripto.Tests.Robustness;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Nodes;

/// <summary>
/// Several Scripto processes (the built Scripto.Web.dll, as an operator runs it) on one fresh PostgreSQL database of
/// the tests' cluster, started together as a deploy would start them. Each node's connections carry its name
/// (<c>Application Name</c>, which the node's own sessions begin with), so that the database tells which node holds what.
/// </summary>
public sealed class PostgresNodes : IAsyncDisposable
{
    private PostgresNodes(string connectionString, ScriptoProcess[] nodes) => (ConnectionString, Nodes) = (connectionString, nodes);

    public string ConnectionString { get; }
    public IReadOnlyList<ScriptoProcess> Nodes { get; }

    /// <param name="settings">More settings for node i (environment variables: <c>Section__Key</c>).</param>
    public static async Task<PostgresNodes> StartAsync(int count = 2, Func<int, IReadOnlyDictionary<string, string?>>? settings = null)
    {
        var database = await PostgresCluster.CreateMigratedDatabaseAsync("nodes");
        var starts = Enumerable.Range(0, count).Select(i => ScriptoProcess.StartAsync(new Dictionary<string, string?>(settings?.Invoke(i) ?? new Dictionary<string, string?>())
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Scripto"] = new NpgsqlConnectionStringBuilder(database) { ApplicationName = NodeName(i) }.ConnectionString,
        })).ToList();
        try
        {
            return new PostgresNodes(database, await Task.WhenAll(starts));
        }
        catch
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully)) await start.Result.DisposeAsync();
            throw;
        }
    }

    public static string NodeName(int index) => $"scripto-node-{index}";

    /// <summary>The node that holds the leader's lock (a session advisory lock held for good), once exactly one does.</summary>
    public async Task<int> LeaderAsync(int timeoutMs = 30_000)
    {
        var leader = -1;
        await Eventually.TrueAsync(async () =>
        {
            var holders = await ListAsync<string>(
                "SELECT DISTINCT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted");
            if (holders.Count != 1) return false;
            leader = Enumerable.Range(0, Nodes.Count).Single(i => holders[0].StartsWith(NodeName(i) + " "));
            return true;
        }, "exactly one node holds an advisory lock (the leader's)", timeoutMs);
        return leader;
    }

    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) =>
        (await ListAsync<long>(sql, parameters)).Single();

    public async Task<List<T>> ListAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(reader.GetFieldValue<T>(0));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}
