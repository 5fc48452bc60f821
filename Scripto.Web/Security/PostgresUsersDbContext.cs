using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Scripto.Web.Security;

/// <summary>The users' tables on PostgreSQL, with their own migrations (PostgresMigrations/).</summary>
public sealed class PostgresUsersDbContext(DbContextOptions<PostgresUsersDbContext> options) : UsersDbContext(options);

/// <summary>For <c>dotnet ef ... --context PostgresUsersDbContext</c>: the model needs no server.</summary>
internal sealed class PostgresUsersDesignTimeContext : IDesignTimeDbContextFactory<PostgresUsersDbContext>
{
    public PostgresUsersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresUsersDbContext>()
            .UseNpgsql("Host=localhost;Database=scripto", postgres => postgres.MigrationsHistoryTable(UsersDbContext.HistoryTable)).Options);
}
