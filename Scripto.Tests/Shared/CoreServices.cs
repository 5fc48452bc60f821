using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Scripto.Core;
using Scripto.Core.Persistence;

namespace Scripto.Tests.Shared;

/// <summary>
/// Scripto.Core on its own (no web host) in a started generic host, as the app runs it: the writer, the time
/// worker, the ticker and storage upkeep run as its hosted services, on a real SQLite file (or a PostgreSQL
/// database of its own), with a fake clock.
/// </summary>
public sealed class CoreServices : IAsyncDisposable
{
    private readonly IHost _host;

    public CoreServices(int keepRuns = 100, DatabaseProvider provider = DatabaseProvider.Sqlite, string? connectionString = null, DateTimeOffset? start = null,
        bool run = true)
    {
        Database = provider;
        Clock = new FakeTimeProvider(start ?? ScriptoFactory.Start);
        if (provider == DatabaseProvider.Postgres) (_postgres, DatabasePath) = (connectionString ?? PostgresCluster.CreateMigratedDatabase(), null!);
        else DatabasePath = connectionString is null ? TempDatabase.NewMigrated() : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging(logging => logging.AddProvider(Logs).AddFilter("Microsoft", LogLevel.Warning));
        builder.Services.AddSingleton<TimeProvider>(Clock);
        var options = new ScriptoOptions { Provider = provider.ToString(), ConnectionString = ConnectionString, KeepRuns = keepRuns };
        builder.Services.AddScriptoCore(options);
        _host = builder.Build();
        using (DatabaseSetup.LockForMigrations(options))
            DatabaseSetup.Migrate(Get<IDbContextFactory<ScriptoDbContext>>());
        if (run) _host.Start();
        else _stopped = true; // the services are there, none of the hosted ones runs
    }

    private readonly string? _postgres;

    public DatabaseProvider Database { get; }

    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string DatabasePath { get; }
    public string ConnectionString => _postgres ?? $"Data Source={DatabasePath}";

    /// <summary>Leaves the database behind on dispose (for a second instance on the same one).</summary>
    public bool KeepDatabase { get; set; }
    public FakeTimeProvider Clock { get; }
    public CapturedLogs Logs { get; } = new();
    public IServiceProvider Provider => _host.Services;

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    private bool _stopped;

    /// <summary>Stops the hosted services as the app does on shutdown (the writer drains its queue).</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync();
        else _host.Dispose();
        if (KeepDatabase) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        else if (_postgres is not null) await PostgresCluster.DropDatabaseAsync(_postgres);
        else TempDatabase.Delete(DatabasePath);
    }
}
