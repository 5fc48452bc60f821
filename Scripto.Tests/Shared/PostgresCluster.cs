using System.Diagnostics;
using Npgsql;

namespace Scripto.Tests.Shared;

/// <summary>
/// The tests' real PostgreSQL: the throwaway cluster test.sh started (its connection string in
/// <c>SCRIPTO_TEST_POSTGRES</c>), or, for a filtered run without test.sh, one started here by the same script
/// (<c>postgres-cluster.sh</c>) and stopped when the test process ends. Each test gets a database of its own.
/// </summary>
public static class PostgresCluster
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The cluster's maintenance database (<c>postgres</c>), for creating and dropping test databases.</summary>
    public static string AdminConnectionString => Server.Value;

    /// <summary>A new, empty database; its Npgsql connection string.</summary>
    public static Task<string> CreateDatabaseAsync(string prefix = "scripto") => CreateAsync(prefix, "");

    /// <summary>
    /// A new database with every migration applied: a copy of a template migrated once per test run (PostgreSQL
    /// copies a template's files), where migrating each test's database took a second or more of the run per test.
    /// </summary>
    public static async Task<string> CreateMigratedDatabaseAsync(string prefix = "scripto") =>
        await CreateAsync(prefix, $" TEMPLATE \"{await Template.Value}\"");

    private static async Task<string> CreateAsync(string prefix, string template)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{template}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A new database with every migration applied, made synchronously (for a fixture's constructor).</summary>
    public static string CreateMigratedDatabase(string prefix = "scripto") => Task.Run(() => CreateMigratedDatabaseAsync(prefix)).GetAwaiter().GetResult();

    private static readonly Lazy<Task<string>> Template = new(async () =>
    {
        var connectionString = await CreateDatabaseAsync("template");
        Scripto.Web.Hosting.MigrateToPostgresCommand.MigratePostgres(new Scripto.Core.ScriptoOptions
        {
            Provider = nameof(Scripto.Core.DatabaseProvider.Postgres),
            ConnectionString = connectionString,
        });
        NpgsqlConnection.ClearAllPools(); // a template copies only while nobody is connected to it
        return new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Drops a test's database, closing what the app's pools still hold open on it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("SCRIPTO_TEST_POSTGRES") is { Length: > 0 } given) return given;
        var script = Path.Combine(RepoPaths.Root, "Scripto.Tests", "Shared", "postgres-cluster.sh");
        var start = Run(script, "start");
        var lines = start.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2) throw new InvalidOperationException("postgres-cluster.sh start printed: " + start);
        var dir = lines[0].Trim();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Run(script, "stop", dir);
        return lines[1].Trim();
    }

    private static string Run(string script, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) { process.Kill(true); throw new TimeoutException("postgres-cluster.sh " + string.Join(' ', args)); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"postgres-cluster.sh {string.Join(' ', args)} failed: {error.Result}");
        return output.Result;
    }
}
