using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Scripto.Web.Security;

/// <summary>The people who sign in to the dashboard (ASP.NET Core Identity), in the same SQLite file as the scripts.</summary>
public sealed class UsersDbContext(DbContextOptions<UsersDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    /// <summary>Its own migrations history, beside the scripts' in the same file.</summary>
    public const string HistoryTable = "__users_migrations";
}
