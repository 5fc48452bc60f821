using Microsoft.EntityFrameworkCore;

namespace Scripto.Core.Persistence.Postgres;

/// <summary>Hands out the provider's own context type wherever the app asks for a <see cref="ScriptoDbContext"/>.</summary>
internal sealed class ProviderContexts<T>(IDbContextFactory<T> contexts) : IDbContextFactory<ScriptoDbContext> where T : ScriptoDbContext
{
    public ScriptoDbContext CreateDbContext() => contexts.CreateDbContext();

    public async Task<ScriptoDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await contexts.CreateDbContextAsync(cancellationToken);
}
