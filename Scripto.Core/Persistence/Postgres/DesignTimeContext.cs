using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Scripto.Core.Persistence.Postgres;

/// <summary>
/// For <c>dotnet ef migrations add/has-pending-model-changes --context PostgresScriptoDbContext</c>: the model
/// needs no server. The SQLite context comes from the app's own services.
/// </summary>
internal sealed class DesignTimeContext : IDesignTimeDbContextFactory<PostgresScriptoDbContext>
{
    public PostgresScriptoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresScriptoDbContext>().UseNpgsql("Host=localhost;Database=scripto").Options);
}
