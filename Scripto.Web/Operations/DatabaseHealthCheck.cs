using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scripto.Core;
using Scripto.Core.Persistence;
using Scripto.Core.Writing;

namespace Scripto.Web.Operations;

/// <summary>Healthy when the writer's last commit went through and the database answers a read on a connection of its own.</summary>
public sealed class DatabaseHealthCheck(ScriptoOptions options, StorageHealth storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        storage.Problem is { } writes ? HealthCheckResult.Unhealthy($"Writes fail: {writes}")
        : await DatabaseProbe.ProblemAsync(options, cancellationToken) is { } problem
            ? HealthCheckResult.Unhealthy($"The database does not answer: {problem}")
            : HealthCheckResult.Healthy("The database answers.");
}
