using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Scripto.Web.Security;

/// <summary>
/// The people who sign in to the dashboard (ASP.NET Core Identity), in the same database as the scripts: on SQLite
/// this type (migrations in Migrations/), on PostgreSQL <see cref="PostgresUsersDbContext"/> (PostgresMigrations/).
/// </summary>
public class UsersDbContext : IdentityDbContext<IdentityUser>
{
    public UsersDbContext(DbContextOptions<UsersDbContext> options) : base(options) { }

    protected UsersDbContext(DbContextOptions options) : base(options) { }

    /// <summary>Its own migrations history, beside the scripts' in the same file.</summary>
    public const string HistoryTable = "__users_migrations";
}
