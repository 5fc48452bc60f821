using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scripto.Core.Changes;
using Scripto.Core.Persistence;
using Scripto.Core.Reading;
using Scripto.Core.Writing;

namespace Scripto.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Persistence, the write path and the change feed, on the SQLite database the connection string names.</summary>
    public static IServiceCollection AddScriptoCore(this IServiceCollection services, string connectionString, string synchronous = "NORMAL")
    {
        if (synchronous.ToUpperInvariant() is not ("NORMAL" or "FULL" or "EXTRA"))
            throw new ArgumentException($"Storage:Synchronous must be NORMAL, FULL or EXTRA, not '{synchronous}'.", nameof(synchronous));
        services.AddPooledDbContextFactory<ScriptoDbContext>(options => options
            .UseSqlite(connectionString)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors(new SqlitePragmas(synchronous)));
        services.AddSingleton<ScriptChangeFeed>();
        services.AddSingleton(sp => new TimeTicker(sp.GetRequiredService<ScriptChangeFeed>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ScriptWriter>();
        services.AddSingleton<ScriptQueries>();
        services.AddSingleton<DashboardQueries>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
