using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Scripto.Web.Operations;

/// <summary>What an operator's tooling asks of Scripto: is it healthy, and its metrics.</summary>
public static class OperationsEndpoints
{
    public static void AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<ReportMetrics>();
        services.AddSingleton<MetricsExport>();
        services.AddSingleton<OpenCircuits>();
        services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<OpenCircuits>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    /// <summary>Starts counting reports (from the host's own request measurement) and exporting the instruments.</summary>
    public static void StartMetrics(this WebApplication app) => app.Services.GetRequiredService<MetricsExport>();

    public static void MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/healthz").ExcludeFromDescription().AllowAnonymous(); // for load balancers: says nothing of scripts
        app.MapGet("/metrics", MetricsEndpoint.WriteAsync).ExcludeFromDescription().RequireAuthorization(Security.Policies.Read);
    }
}
