using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Tests.Shared;
using Scripto.Web.Security;

namespace Scripto.Tests.Security;

/// <summary>The users and their roles, through the Users page's service, on the real Identity store.</summary>
public sealed class UserAccountsTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private readonly ScriptoFactory _app = new();

    private UserAccounts Accounts => _app.Services.GetRequiredService<UserAccounts>();

    public Task InitializeAsync()
    {
        _app.Settings["Security:Admin:User"] = "ops";
        _app.Settings["Security:Admin:Password"] = Password;
        _app.CreateClient(); // starts the app: the first admin from configuration
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<UserAccount> UserAsync(string name) => (await Accounts.ListAsync()).Single(u => u.Name == name);

    private async Task<bool> PasswordWorksAsync(string name, string password)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.CheckPasswordAsync((await users.FindByNameAsync(name))!, password);
    }

    [Fact]
    public async Task The_last_admin_can_be_neither_made_a_viewer_nor_deleted()
    {
        var ops = await UserAsync("ops");
        Assert.Equal(UserRole.Admin, ops.Role);

        var demoted = await Accounts.SetRoleAsync(ops.Id, UserRole.Viewer);
        Assert.False(demoted.Succeeded);
        Assert.Contains("last admin", demoted.Error);
        Assert.Contains("last admin", (await Accounts.DeleteAsync(ops.Id)).Error);
        Assert.Equal(UserRole.Admin, (await UserAsync("ops")).Role);

        // With a second admin the first may step down; then the second is the last.
        Assert.True((await Accounts.CreateAsync("anna", Password, UserRole.Admin)).Succeeded);
        Assert.True((await Accounts.SetRoleAsync(ops.Id, UserRole.Viewer)).Succeeded);
        var anna = await UserAsync("anna");
        Assert.Contains("last admin", (await Accounts.DeleteAsync(anna.Id)).Error);
        Assert.Contains("last admin", (await Accounts.SetRoleAsync(anna.Id, UserRole.Viewer)).Error);
        Assert.True((await Accounts.DeleteAsync(ops.Id)).Succeeded); // a viewer may always go
        Assert.Equal([("anna", UserRole.Admin)], (await Accounts.ListAsync()).Select(u => (u.Name, u.Role)));
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin()
    {
        await Accounts.CreateAsync("anna", Password, UserRole.Admin);
        var (ops, anna) = (await UserAsync("ops"), await UserAsync("anna"));

        var results = await Task.WhenAll(Accounts.SetRoleAsync(ops.Id, UserRole.Viewer), Accounts.SetRoleAsync(anna.Id, UserRole.Viewer));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(await Accounts.ListAsync(), u => u.Role == UserRole.Admin);
    }

    [Fact]
    public async Task A_viewer_is_added_under_the_password_rules_and_listed_with_their_role()
    {
        var refused = await Accounts.CreateAsync("watcher", "short", UserRole.Viewer);
        Assert.False(refused.Succeeded);
        Assert.Contains("12 characters", refused.Error);
        Assert.DoesNotContain(await Accounts.ListAsync(), u => u.Name == "watcher");

        Assert.True((await Accounts.CreateAsync("  watcher ", Password, UserRole.Viewer)).Succeeded);
        Assert.Contains("already taken", (await Accounts.CreateAsync("watcher", Password, UserRole.Admin)).Error);
        Assert.Equal([("ops", UserRole.Admin), ("watcher", UserRole.Viewer)], (await Accounts.ListAsync()).Select(u => (u.Name, u.Role)));
        Assert.True(await PasswordWorksAsync("watcher", Password));
    }

    [Fact]
    public async Task A_password_reset_that_breaks_the_rules_keeps_the_old_password()
    {
        await Accounts.CreateAsync("watcher", Password, UserRole.Viewer);
        var watcher = await UserAsync("watcher");

        Assert.Contains("12 characters", (await Accounts.ResetPasswordAsync(watcher.Id, "short")).Error);
        Assert.True(await PasswordWorksAsync("watcher", Password));

        Assert.True((await Accounts.ResetPasswordAsync(watcher.Id, "a brand new passphrase")).Succeeded);
        Assert.True(await PasswordWorksAsync("watcher", "a brand new passphrase"));
        Assert.False(await PasswordWorksAsync("watcher", Password));
    }

    [Fact]
    public async Task People_made_before_roles_existed_are_admins()
    {
        using (var scope = _app.Services.CreateScope()) // as the setup page makes the first admin
            await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().CreateAsync(new IdentityUser("early"), Password);

        Assert.Equal(UserRole.Admin, (await UserAsync("early")).Role);
    }
}
