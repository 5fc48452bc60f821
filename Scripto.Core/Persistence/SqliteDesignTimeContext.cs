using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Scripto.Core.Persistence;

/// <summary>
/// For <c>dotnet ef migrations add/has-pending-model-changes --context ScriptoDbContext</c>: without it the tool took
/// the PostgreSQL factory (its context is a ScriptoDbContext too) and wrote PostgreSQL's SQL into the SQLite
/// migrations. The model needs no file; nothing is opened.
/// </summary>
internal sealed class SqliteDesignTimeContext : IDesignTimeDbContextFactory<ScriptoDbContext>
{
    public ScriptoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ScriptoDbContext>().UseSqlite("Data Source=scripto-design.db").Options);
}
