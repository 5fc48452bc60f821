using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scripto.Core.Changes;
using Scripto.Core.Nodes;
using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Persistence;
using Scripto.Core.Persistence.Postgres;
using Scripto.Core.Reading;
using Scripto.Core.Time;
using Scripto.Core.Writing;

namespace Scripto.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Persistence, the write path, the change feed, the reads, the time worker and storage upkeep (hosted services), on the database the options name (SQLite or PostgreSQL).</summary>
    public static IServiceCollection AddScriptoCore(this IServiceCollection services, ScriptoOptions options)
    {
        if (options.Problems() is { Count: > 0 } problems)
            throw new OptionsValidationException(nameof(ScriptoOptions), typeof(ScriptoOptions), problems);
        services.AddSingleton(options);
        if (options.OnPostgres)
        {
            services.AddSingleton(_ => DatabaseLock.None());
            services.AddPooledDbContextFactory<PostgresScriptoDbContext>(db => db
                .UseNpgsql(options.ConnectionString)
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
            services.AddSingleton<IDbContextFactory<ScriptoDbContext>, ProviderContexts<PostgresScriptoDbContext>>();
        }
        else
        {
            services.AddSingleton(_ => DatabaseLock.Acquire(options.ConnectionString));
            services.AddPooledDbContextFactory<ScriptoDbContext>(db => db
                .UseSqlite(options.ConnectionString)
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                // SQLite drops a column by rebuilding the table with foreign keys off, which it cannot do inside a
                // transaction; EF warns about it on every fresh install. Expected, and not worth an operator's worry.
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning))
                .AddInterceptors(new SqlitePragmas(options.Synchronous)));
        }
        services.AddSingleton<LiveLatency>();
        services.AddSingleton<ScriptChangeFeed>();
        // Before the writer: the nodes' services stop after it (see AddScriptoNodes).
        services.AddScriptoNodes(options.OnPostgres, options.ConnectionString);
        services.AddSingleton<CheckpointStalls>();
        services.AddSingleton<WriterBatches>();
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<ScriptWriter>();
        // Hosted services stop in reverse order: the writer, first here, stops last and drains what the others queued.
        services.AddHostedService(sp => sp.GetRequiredService<ScriptWriter>());
        services.AddHostedService<StorageUpkeep>();
        services.AddHostedService<TimeWorker>();
        services.AddHostedService<TimeTicker>();
        services.AddSingleton<ScriptQueries>();
        services.AddSingleton<StatusTally>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<ServerQueries>();
        services.AddSingleton<TargetQueries>();
        services.AddSingleton<Sharing.Badges>();
        services.AddSingleton<Sharing.StatusPages>();
        services.AddSingleton<Config.ConfigExport>();
        services.AddSingleton<Config.ConfigImport>();
        services.AddSingleton<AlertSignal>();
        services.AddSingleton<DeliveryOutbox>();
        services.AddSingleton<ChannelService>();
        services.AddSingleton<Maintenance.MaintenanceService>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
