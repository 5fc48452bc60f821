using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Tests.Shared;
using Scripto.Web.Security;

namespace Scripto.Tests.Security;

/// <summary>Passwords guessed first are refused wherever a password is set: setup, the settings, Identity itself.</summary>
public sealed class PasswordRulesTests : IAsyncLifetime
{
    private readonly ScriptoFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abcabcabcabc")]
    [InlineData("passwordpassword")]
    [InlineData("password1234")]
    [InlineData("P@ssw0rd2024!")]
    [InlineData("123456789012")]
    [InlineData("abcdefghijkl")]
    [InlineData("qwertyuiop12")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("iloveyou1234")]
    [InlineData("Scripto2026!!")]
    [InlineData("operator-2026")]
    public void A_common_or_trivially_repeated_password_is_refused(string password) =>
        Assert.NotNull(CommonPasswordValidator.Problem(password, "operator"));

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("a long enough password")]
    [InlineData("tram-velvet-92-orbit")]
    [InlineData("Zq8#mWp2!xLe")]
    public void An_ordinary_passphrase_passes(string password) =>
        Assert.Null(CommonPasswordValidator.Problem(password, "operator"));

    [Fact]
    public async Task The_setup_page_refuses_a_trivially_repeated_password_and_creates_nobody()
    {
        var client = AccountForm.Client(_app);
        var answer = await AccountForm.PostAsync(client, "/setup", "setup", await AccountForm.OpenAsync(client, "/setup"),
            ("Input.User", "first"), ("Input.Password", "aaaaaaaaaaaa"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("repeats a few characters", await AccountForm.ErrorAsync(answer));
        Assert.Equal(0L, DatabaseContents.Scalar(_app.ConnectionString, "SELECT count(*) FROM AspNetUsers"));
    }

    [Fact]
    public async Task A_common_password_for_the_admin_in_the_settings_is_refused_naming_the_setting()
    {
        _app.CreateClient();
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

        // What the start does with Security:Admin:* (a refusal there stops the start with this one line).
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => FirstAdmin.EnsureAsync(users, "ops", "password1234"));

        Assert.StartsWith("Security:Admin: This password is among the most common ones", refused.Message);
        Assert.Null(await users.FindByNameAsync("ops"));
    }

    [Fact]
    public async Task Every_password_Identity_sets_is_checked_so_any_page_that_sets_one_gets_the_rule()
    {
        _app.CreateClient();
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

        var created = await users.CreateAsync(new IdentityUser("viewer"), "aaaaaaaaaaaa");
        Assert.False(created.Succeeded);
        var user = new IdentityUser("viewer");
        Assert.True((await users.CreateAsync(user, "tram-velvet-92-orbit")).Succeeded);
        Assert.False((await users.ChangePasswordAsync(user, "tram-velvet-92-orbit", "password1234")).Succeeded);
    }
}
