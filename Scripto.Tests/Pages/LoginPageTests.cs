using Scripto.Tests.Shared;

namespace Scripto.Tests.Pages;

/// <summary>The sign-in page points to /setup only while there is nobody to sign in.</summary>
public sealed class LoginPageTests : IAsyncLifetime
{
    private readonly ScriptoFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> LoginPageAsync() => await _app.CreateClient().GetStringAsync("/login");

    [Fact]
    public async Task While_no_admin_exists_the_sign_in_page_says_where_the_first_one_is_made()
    {
        Assert.Contains("No account yet?", await LoginPageAsync());
    }

    [Fact]
    public async Task Once_an_admin_exists_the_sign_in_page_no_longer_sends_people_to_setup()
    {
        _app.Settings["Security:Admin:User"] = "ops";
        _app.Settings["Security:Admin:Password"] = "correct horse battery";

        var page = await LoginPageAsync();

        Assert.Contains("Sign in", page);
        Assert.DoesNotContain("No account yet?", page);
        Assert.DoesNotContain("href=\"/setup\"", page);
    }
}
