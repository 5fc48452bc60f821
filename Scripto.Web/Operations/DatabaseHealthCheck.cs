using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scripto.Core;
using Scripto.Core.Persistence;

namespace Scripto.Web.Operations;

/// <summary>Healthy when the database answers a read on a connection of its own.</summary>
public sealed class DatabaseHealthCheck(ScriptoOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await DatabaseProbe.ProblemAsync(options.ConnectionString, cancellationToken) is { } problem
            ? HealthCheckResult.Unhealthy($"The database does not answer: {problem}")
            : HealthCheckResult.Healthy("The database answers.");
}
