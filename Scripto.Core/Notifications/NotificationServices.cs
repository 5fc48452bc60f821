using Microsoft.Extensions.DependencyInjection;
using Scripto.Core.Notifications.Planning;

namespace Scripto.Core.Notifications;

public static class NotificationServices
{
    /// <summary>The planner (alert events to grouped messages) and the metrics; the writer records the events in any case.</summary>
    public static IServiceCollection AddScriptoNotifications(this IServiceCollection services, NotificationOptions options)
    {
        if (options.FlapLimit < 1)
            throw new ArgumentException($"Notifications:FlapLimit must be at least 1, not {options.FlapLimit}.", nameof(options));
        if (options.PublicUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new ArgumentException($"Scripto:PublicUrl must be an absolute http or https URL, not '{url}'.", nameof(options));
        services.AddSingleton(options);
        services.AddSingleton<PublicAddress>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<NotificationPlanner>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationPlanner>());
        return services;
    }
}
