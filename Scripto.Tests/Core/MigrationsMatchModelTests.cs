using Microsoft.EntityFrameworkCore;
using Scripto.Core.Persistence;
using Scripto.Core.Persistence.Postgres;
using Scripto.Web.Security;

namespace Scripto.Tests.Core;

/// <summary>
/// Each provider's migrations build the whole model: a change to an entity without its migration on one provider (each
/// needs its twin) fails here rather than at an operator's start. No database is needed to compare.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    private const string Postgres = "Host=localhost;Database=scripto";

    [Fact]
    public void The_users_migrations_of_each_provider_hold_the_whole_model()
    {
        using var sqlite = new UsersDbContext(new DbContextOptionsBuilder<UsersDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresUsersDbContext(new DbContextOptionsBuilder<PostgresUsersDbContext>().UseNpgsql(Postgres).Options);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "Security/Migrations lacks a migration");
        Assert.False(postgres.Database.HasPendingModelChanges(), "Security/PostgresMigrations lacks a migration");
    }

    [Fact]
    public void The_scripts_migrations_of_each_provider_hold_the_whole_model()
    {
        using var sqlite = new ScriptoDbContext(new DbContextOptionsBuilder<ScriptoDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresScriptoDbContext(new DbContextOptionsBuilder<PostgresScriptoDbContext>().UseNpgsql(Postgres).Options);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "Persistence/Migrations lacks a migration");
        Assert.False(postgres.Database.HasPendingModelChanges(), "Persistence/PostgresMigrations lacks a migration");
    }
}
