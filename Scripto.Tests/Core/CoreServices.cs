using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Scripto.Core;
using Scripto.Core.Persistence;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>Scripto.Core on its own (no web host), on a real SQLite file, with a fake clock.</summary>
public sealed class CoreServices : IAsyncDisposable
{
    public CoreServices(int keepRuns = 100)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddScriptoCore(new ScriptoOptions { ConnectionString = ConnectionString, KeepRuns = keepRuns });
        Provider = services.BuildServiceProvider();
        DatabaseSetup.Migrate(Provider.GetRequiredService<IDbContextFactory<ScriptoDbContext>>());
    }

    public string DatabasePath { get; } = TempDatabase.NewPath();
    public string ConnectionString => $"Data Source={DatabasePath}";
    public FakeTimeProvider Clock { get; } = new(ScriptoFactory.Start);
    public ServiceProvider Provider { get; }

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        TempDatabase.Delete(DatabasePath);
    }
}
