using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scripto.Core.Changes;
using Scripto.Core.Notifications;
using Scripto.Core.Writing;

namespace Scripto.Core.Nodes;

public static class NodeServices
{
    /// <summary>
    /// How this process shares its database with others. On SQLite it is the only process (the file lock refuses a
    /// second) and always leads; nothing is relayed. On PostgreSQL: the leadership (an advisory lock), the relay that
    /// NOTIFYs this node's changes, and the listener that feeds the other nodes' into this node's feed.
    /// Register before the writer: hosted services stop in reverse order, so these stop after it (its last changes
    /// are relayed) and after the workers that wait on the leadership.
    /// </summary>
    public static IServiceCollection AddScriptoNodes(this IServiceCollection services, bool postgres, string connectionString)
    {
        if (!postgres)
        {
            services.AddSingleton<NodeLeadership, SingleNode>();
            return services;
        }
        services.AddSingleton<NodeIdentity>();
        // Their retries and backoffs run on the real clock, whatever clock the domain runs on (a test's fake one would
        // hold a reconnect, or a takeover, until the test moved it), as the notifications' HTTP retries do.
        var clock = TimeProvider.System;
        services.AddSingleton(sp => new PostgresLeadership(connectionString, clock,
            sp.GetRequiredService<ILogger<PostgresLeadership>>()));
        services.AddSingleton<NodeLeadership>(sp => sp.GetRequiredService<PostgresLeadership>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresLeadership>());
        services.AddSingleton(sp => new PostgresChangeRelay(connectionString, sp.GetRequiredService<NodeIdentity>(),
            clock, sp.GetRequiredService<ILogger<PostgresChangeRelay>>()));
        services.AddSingleton<IChangeRelay>(sp => sp.GetRequiredService<PostgresChangeRelay>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeRelay>());
        services.AddSingleton(sp => new PostgresChangeListener(connectionString, sp.GetRequiredService<NodeIdentity>(),
            sp.GetRequiredService<ScriptChangeFeed>(), sp.GetRequiredService<AlertSignal>(), clock,
            sp.GetRequiredService<ILogger<PostgresChangeListener>>(), sp.GetRequiredService<ScriptWriter>()));
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeListener>());
        return services;
    }
}
