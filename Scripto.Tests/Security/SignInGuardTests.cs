using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Security;

/// <summary>
/// Password guessing on /login: the same answer whatever failed, failures counted per address and name (so nobody
/// elsewhere can lock the admin out), and POSTs throttled per address.
/// </summary>
public sealed class SignInGuardTests : IAsyncLifetime
{
    private const string Admin = "ops";
    private const string Password = "correct horse battery";

    private readonly ScriptoFactory _app = new()
    {
        Settings = { ["Security:Admin:User"] = Admin, ["Security:Admin:Password"] = Password, ["Limits:SignInsPerMinute"] = "1000" },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task FailTimesAsync(HttpClient client, string user, int times)
    {
        for (var i = 0; i < times; i++)
            Assert.Equal(HttpStatusCode.OK, (await AccountForm.SignInAsync(client, user, $"wrong guess {i}")).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_from_another_address_do_not_lock_the_admin_out()
    {
        var attacker = AccountForm.Client(_app, "203.0.113.66");
        await FailTimesAsync(attacker, Admin, 12);

        var admin = await AccountForm.SignInAsync(AccountForm.Client(_app, "198.51.100.20"), Admin, Password);

        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Contains(admin.Headers.GetValues("Set-Cookie"), c => c.StartsWith("scripto.auth="));
    }

    [Fact]
    public async Task The_guessing_address_is_paused_for_that_name_for_five_minutes()
    {
        var attacker = AccountForm.Client(_app, "203.0.113.66");
        await FailTimesAsync(attacker, Admin, 10);

        var paused = await AccountForm.SignInAsync(attacker, Admin, Password);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("Wrong user or password.", await AccountForm.ErrorAsync(paused));

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForm.SignInAsync(attacker, Admin, Password)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_a_wrong_password_and_a_locked_name_get_the_same_answer()
    {
        var client = AccountForm.Client(_app, "203.0.113.66");
        var unknown = await AccountForm.SignInAsync(client, "nobody", "wrong guess");
        var wrong = await AccountForm.SignInAsync(client, Admin, "wrong guess");
        await FailTimesAsync(client, Admin, 10);
        await FailTimesAsync(client, "nobody", 10);
        var locked = await AccountForm.SignInAsync(client, Admin, "wrong guess");
        var lockedUnknown = await AccountForm.SignInAsync(client, "nobody", "wrong guess");

        foreach (var answer in new[] { unknown, wrong, locked, lockedUnknown })
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("Wrong user or password.", await AccountForm.ErrorAsync(answer));
        }
    }

    [Fact]
    public async Task Sign_in_posts_are_throttled_per_address_with_429()
    {
        await using var app = new ScriptoFactory
        {
            Settings = { ["Security:Admin:User"] = Admin, ["Security:Admin:Password"] = Password, ["Limits:SignInsPerMinute"] = "3" },
        };
        var guesser = AccountForm.Client(app, "203.0.113.66");
        var opened = await AccountForm.OpenAsync(guesser, "/login");

        // At once, as a guessing script sends them: one a second apart would let the bucket refill.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            AccountForm.PostAsync(guesser, "/login", "login", opened, ("Input.User", Admin), ("Input.Password", $"guess {i}"))));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.True(int.Parse(answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests).Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync("/login")).StatusCode); // the form itself still shows
        var elsewhere = await AccountForm.SignInAsync(AccountForm.Client(app, "198.51.100.20"), Admin, Password);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode); // another address has its own allowance
    }
}
