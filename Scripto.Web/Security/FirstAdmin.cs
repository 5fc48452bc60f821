using Microsoft.AspNetCore.Identity;

namespace Scripto.Web.Security;

/// <summary>The first person who can sign in: from configuration at start, or from the one-time setup page.</summary>
public static class FirstAdmin
{
    /// <summary>Creates the user unless it exists (a password changed later in the app is not reset at each start).</summary>
    public static async Task<IdentityResult> EnsureAsync(UserManager<IdentityUser> users, string name, string password)
    {
        if (await users.FindByNameAsync(name) is not null) return IdentityResult.Success;
        var result = await users.CreateAsync(new IdentityUser(name), password);
        if (!result.Succeeded)
            throw new ArgumentException($"Security:Admin: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        return result;
    }
}
