using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Scripto.Core.Keys;

namespace Scripto.Web.Security;

public sealed record UserAccount(string Id, string Name, UserRole Role);

/// <summary>The outcome of a change to the users: done, or why not in words for the person who asked.</summary>
public sealed record AccountResult(bool Succeeded, string? Error = null)
{
    public static readonly AccountResult Done = new(true);
    public static AccountResult Refused(string error) => new(false, error);
    public static AccountResult From(IdentityResult result) =>
        result.Succeeded ? Done : Refused(string.Join(" ", result.Errors.Select(e => e.Description)));
}

/// <summary>
/// The people who sign in, and their roles: list, add, change a role, reset a password, delete. Each change runs in
/// its own scope and transaction (SQLite's writer lock), so "never the last admin" holds even for two admins acting
/// at once. Passwords go through <see cref="UserManager{TUser}"/>, so its validators apply.
/// </summary>
public sealed class UserAccounts(IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyList<UserAccount>> ListAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var rows = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.UserName, Viewer = db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == UserRoles.ClaimType && c.ClaimValue == UserRoles.ViewerValue) })
            .ToListAsync();
        return rows.Select(r => new UserAccount(r.Id, r.UserName ?? "", r.Viewer ? UserRole.Viewer : UserRole.Admin))
            .OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public Task<AccountResult> CreateAsync(string name, string password, UserRole role) => ChangeAsync(async (users, _) =>
    {
        var user = new IdentityUser(name.Trim());
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded || role == UserRole.Admin) return AccountResult.From(created);
        return AccountResult.From(await users.AddClaimAsync(user, ViewerClaim()));
    });

    public Task<AccountResult> SetRoleAsync(string id, UserRole role) => ChangeAsync(async (users, db) =>
    {
        if (await users.FindByIdAsync(id) is not { } user) return Gone;
        var current = await RoleOfAsync(db, id);
        if (current == role) return AccountResult.Done;
        if (role == UserRole.Viewer && await IsLastAdminAsync(db, id))
            return AccountResult.Refused($"{user.UserName} is the last admin: make someone else an admin first.");
        return AccountResult.From(role == UserRole.Viewer
            ? await users.AddClaimAsync(user, ViewerClaim())
            : await users.RemoveClaimAsync(user, ViewerClaim()));
    });

    public Task<AccountResult> ResetPasswordAsync(string id, string password) => ChangeAsync(async (users, _) =>
    {
        if (await users.FindByIdAsync(id) is not { } user) return Gone;
        // Remove then add, in the transaction: a new password the validators refuse leaves the old one in place.
        var removed = await users.RemovePasswordAsync(user);
        return AccountResult.From(removed.Succeeded ? await users.AddPasswordAsync(user, password) : removed);
    });

    public Task<AccountResult> DeleteAsync(string id) => ChangeAsync(async (users, db) =>
    {
        if (await users.FindByIdAsync(id) is not { } user) return Gone;
        if (await IsLastAdminAsync(db, id))
            return AccountResult.Refused($"{user.UserName} is the last admin: make someone else an admin first.");
        return AccountResult.From(await users.DeleteAsync(user));
    });

    /// <summary>
    /// May this principal change things now? Keys and anonymous visitors by their scopes; a person by their role as
    /// stored at this moment, so an admin demoted or deleted while their dashboard is open can no longer act.
    /// </summary>
    public async Task<bool> MayChangeAsync(ClaimsPrincipal principal)
    {
        if (!principal.Has(Scopes.Admin)) return false;
        if (!principal.HasClaim("scripto:kind", "user")) return true;
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return false;
        await using var scope = scopes.CreateAsyncScope();
        return await RoleOfAsync(scope.ServiceProvider.GetRequiredService<UsersDbContext>(), id) == UserRole.Admin;
    }

    /// <summary>The role stored for this user; null when the user no longer exists.</summary>
    public static async Task<UserRole?> RoleOfAsync(UsersDbContext db, string id)
    {
        var viewer = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => (bool?)db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == UserRoles.ClaimType && c.ClaimValue == UserRoles.ViewerValue))
            .FirstOrDefaultAsync();
        return viewer switch { null => null, true => UserRole.Viewer, false => UserRole.Admin };
    }

    private static readonly AccountResult Gone = AccountResult.Refused("This user no longer exists.");

    private static Claim ViewerClaim() => new(UserRoles.ClaimType, UserRoles.ViewerValue);

    private static async Task<bool> IsLastAdminAsync(UsersDbContext db, string id) =>
        await RoleOfAsync(db, id) == UserRole.Admin
        && await db.Users.CountAsync(u => !db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == UserRoles.ClaimType && c.ClaimValue == UserRoles.ViewerValue)) <= 1;

    private async Task<AccountResult> ChangeAsync(Func<UserManager<IdentityUser>, UsersDbContext, Task<AccountResult>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await change(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>(), db);
        if (result.Succeeded) await transaction.CommitAsync();
        return result;
    }
}
