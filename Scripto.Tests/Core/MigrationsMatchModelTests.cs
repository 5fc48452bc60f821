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

    [Fact]
    public void Dotnet_ef_finds_each_scripts_context_on_its_own_provider()
    {
        // `dotnet ef migrations add --context ScriptoDbContext` once took the PostgreSQL factory (its context is a
        // ScriptoDbContext too) and wrote PostgreSQL's SQL into the SQLite migrations.
        var factories = typeof(ScriptoDbContext).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<>))
                .Select(i => (Context: i.GetGenericArguments()[0], Factory: t)))
            .ToDictionary(f => f.Context, f => f.Factory);

        using var sqlite = Create(factories[typeof(ScriptoDbContext)]);
        using var postgres = Create(factories[typeof(PostgresScriptoDbContext)]);
        Assert.Equal(typeof(ScriptoDbContext), sqlite.GetType());
        Assert.True(sqlite.Database.IsSqlite());
        Assert.True(postgres.Database.IsNpgsql());
        Assert.False(sqlite.Database.HasPendingModelChanges(), "Persistence/Migrations lacks a migration");

        static DbContext Create(Type factory) =>
            (DbContext)factory.GetMethod("CreateDbContext")!.Invoke(Activator.CreateInstance(factory, nonPublic: true), [Array.Empty<string>()])!;
    }
}
