using Microsoft.Extensions.Configuration;

namespace Scripto.Core;

/// <summary>Scripto.Core's settings (appsettings.json: Database:Provider, ConnectionStrings:Scripto, Storage, Runs, Limits).</summary>
public sealed record ScriptoOptions : ISettings
{
    /// <summary>Bound from the root: each property names its key.</summary>
    public static string Section => "";

    /// <summary>Database:Provider: Sqlite (the default, nothing to install) or Postgres (several nodes on one database).</summary>
    [ConfigurationKeyName("Database:Provider")]
    public string Provider { get; init; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>ConnectionStrings:Scripto: unset, SQLite's file beside the binaries; PostgreSQL's must be given (see <see cref="Problems"/>).</summary>
    [ConfigurationKeyName("ConnectionStrings:Scripto")]
    public string ConnectionString
    {
        get => _connectionString ?? (OnPostgres ? "" : "Data Source=scripto.db");
        init => _connectionString = value;
    }

    private readonly string? _connectionString;

    /// <summary>The provider named by <see cref="Provider"/> (case-insensitive); see <see cref="Problems"/> for a bad name.</summary>
    /// <remarks>Private: the binder tries to convert a value into any public property, even one it cannot set.</remarks>
    private DatabaseProvider Database =>
        Enum.TryParse<DatabaseProvider>(Provider, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider : DatabaseProvider.Sqlite;

    public bool OnPostgres => Database == DatabaseProvider.Postgres;

    /// <summary>Storage:Synchronous, SQLite's synchronous in WAL mode: NORMAL survives a killed process, FULL also a power cut.</summary>
    [ConfigurationKeyName("Storage:Synchronous")]
    public string Synchronous { get; init; } = "NORMAL";

    /// <summary>Runs:Keep: how many runs each script keeps in its history.</summary>
    [ConfigurationKeyName("Runs:Keep")]
    public int KeepRuns { get; init; } = 100;

    /// <summary>How many scripts there may be at most (Limits:MaxScripts): a runaway loop of first pings stops there.</summary>
    [ConfigurationKeyName("Limits:MaxScripts")]
    public int MaxScripts { get; init; } = 100_000;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enum.TryParse<DatabaseProvider>(Provider, ignoreCase: true, out var provider) || !Enum.IsDefined(provider) || int.TryParse(Provider, out _))
            problems.Add($"Database:Provider must be Sqlite or Postgres, not '{Provider}'.");
        else if (OnPostgres && PostgresProblem(ConnectionString) is { } problem)
            problems.Add(problem);
        if (Synchronous.ToUpperInvariant() is not ("NORMAL" or "FULL" or "EXTRA"))
            problems.Add($"Storage:Synchronous must be NORMAL, FULL or EXTRA, not '{Synchronous}'.");
        if (KeepRuns < 1) problems.Add($"Runs:Keep must be at least 1, not {KeepRuns}.");
        if (MaxScripts < 1) problems.Add($"Limits:MaxScripts must be at least 1, not {MaxScripts}.");
        return problems;
    }

    private static string? PostgresProblem(string connectionString)
    {
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrEmpty(builder.Host) ? "ConnectionStrings:Scripto must name the PostgreSQL server: Host=...;Database=...;Username=...;Password=..." : null;
        }
        catch (ArgumentException e)
        {
            return $"ConnectionStrings:Scripto is not a PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...): {e.Message}";
        }
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
