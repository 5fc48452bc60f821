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
/// worker, the ticker and storage upkeep run as its hosted services, on a real SQLite file, with a fake clock.
/// </summary>
public sealed class CoreServices : IAsyncDisposable
{
    private readonly IHost _host;

    public CoreServices(int keepRuns = 100)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging(logging => logging.AddProvider(Logs).AddFilter("Microsoft", LogLevel.Warning));
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddScriptoCore(new ScriptoOptions { ConnectionString = ConnectionString, KeepRuns = keepRuns });
        _host = builder.Build();
        DatabaseSetup.Migrate(Get<IDbContextFactory<ScriptoDbContext>>());
        _host.Start();
    }

    public string DatabasePath { get; } = TempDatabase.NewPath();
    public string ConnectionString => $"Data Source={DatabasePath}";
    public FakeTimeProvider Clock { get; } = new(ScriptoFactory.Start);
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
        TempDatabase.Delete(DatabasePath);
    }
}
