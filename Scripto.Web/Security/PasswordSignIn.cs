using System.Net;
using Microsoft.AspNetCore.Identity;

namespace Scripto.Web.Security;

/// <summary>
/// Signing in with a name and password, answering alike whatever went wrong: an unknown name, a wrong password
/// and a lock (ours per address and name, or one an admin set on the user) all come back as false, after the
/// same work (a password hash is checked every time), so the answer tells nobody which names exist.
/// </summary>
public sealed class PasswordSignIn(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, SignInLockout lockout)
{
    // Checked against a throw-away hash when there is no real one, so an unknown name takes as long as a known one.
    private static readonly string DecoyHash = new PasswordHasher<IdentityUser>().HashPassword(new IdentityUser(), "decoy password, never anyone's");

    public async Task<bool> SignInAsync(string name, string password, IPAddress? address)
    {
        var locked = lockout.IsLocked(address, name);
        var user = locked ? null : await users.FindByNameAsync(name.Trim());
        if (user is null)
        {
            Decoy(password);
            if (!locked) lockout.Failed(address, name); // a lock is not lengthened by the attempts it refuses
            return false;
        }
        // Identity's own lockout never counts (it is per user: anyone could lock the admin out); one an admin sets still holds.
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (!result.Succeeded)
        {
            if (result.IsLockedOut || result.IsNotAllowed) Decoy(password);
            lockout.Failed(address, name);
            return false;
        }
        lockout.Succeeded(address, name);
        await signIn.SignInAsync(user, isPersistent: true);
        return true;
    }

    private void Decoy(string password) => users.PasswordHasher.VerifyHashedPassword(new IdentityUser(), DecoyHash, password);
}
