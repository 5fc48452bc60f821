using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Scripto.Web.Operations;

/// <summary>What an operator's tooling asks of Scripto: is it healthy, and its metrics.</summary>
public static class OperationsEndpoints
{
    public static void AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<ReportMetrics>();
        services.AddSingleton<OpenCircuits>();
        services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<OpenCircuits>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    /// <summary>Counts and times reports; goes before routing so that refusals made early are counted too.</summary>
    public static void UseReportMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<ReportMetrics>();
        app.Use((http, next) => metrics.MeasureAsync(http, () => next(http)));
    }

    public static void MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/healthz").ExcludeFromDescription().AllowAnonymous(); // for load balancers: says nothing of scripts
        app.MapGet("/metrics", MetricsEndpoint.WriteAsync).ExcludeFromDescription().RequireAuthorization(Security.Policies.Read);
    }
}
