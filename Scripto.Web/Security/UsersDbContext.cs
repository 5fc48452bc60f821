using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Scripto.Web.Security;

/// <summary>
/// The people who sign in to the dashboard (ASP.NET Core Identity), in the same database as the scripts: on SQLite
/// this type (migrations in Migrations/), on PostgreSQL <see cref="PostgresUsersDbContext"/> (PostgresMigrations/).
/// Also the nodes' shared key ring on PostgreSQL (<see cref="SharedKeyRing"/>); the table is there on SQLite too,
/// so that both providers keep one model, but stays empty.
/// </summary>
public class UsersDbContext : IdentityDbContext<IdentityUser>, IDataProtectionKeyContext
{
    public UsersDbContext(DbContextOptions<UsersDbContext> options) : base(options) { }

    protected UsersDbContext(DbContextOptions options) : base(options) { }

    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    /// <summary>Its own migrations history, beside the scripts' in the same file.</summary>
    public const string HistoryTable = "__users_migrations";
}
