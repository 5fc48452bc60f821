using Microsoft.AspNetCore.Identity;

namespace Scripto.Web.Security;

/// <summary>
/// The setup page's one admin. Posts that arrive together all see "nobody yet" before any of them has written, so
/// the check and the creation happen under one lock: the first creates the admin, the others find it made. One
/// Scripto process per database file (the file lock) makes a lock in memory enough.
/// </summary>
public sealed class FirstAdminSetup
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The result of creating the user; null when someone can already sign in (nothing was created).</summary>
    public async Task<IdentityResult?> CreateAsync(UserManager<IdentityUser> users, IdentityUser user, string password)
    {
        await _one.WaitAsync();
        try
        {
            return users.Users.Any() ? null : await users.CreateAsync(user, password);
        }
        finally
        {
            _one.Release();
        }
    }
}
