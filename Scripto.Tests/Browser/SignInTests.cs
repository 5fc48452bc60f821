using System.Net;
using Microsoft.Playwright;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Browser;

/// <summary>Scripto with no anonymous use at all: a person signs in, makes keys, revokes them.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class SignInTests : BrowserTest
{
    private const string User = "ops";
    private const string Password = "correct horse battery";

    public SignInTests(ChromiumFixture chromium) : base(chromium)
    {
        // The browser drops a cookie that expired by its own clock: let the app's clock agree with it.
        App.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        App.Settings["Security:Anonymous"] = "None";
        App.Settings["Security:Admin:User"] = User;
        App.Settings["Security:Admin:Password"] = Password;
    }

    private string Url(string path) => new Uri(App.ServerAddress, path).ToString();

    private async Task SignInAsync(string password = Password)
    {
        await Page.GetByLabel("User").FillAsync(User);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    [Fact]
    public async Task A_person_signs_in_sees_the_dashboard_and_signs_out()
    {
        await Page.GotoAsync(Url("/"));
        Assert.EndsWith("/login?returnUrl=%2F", Page.Url);

        await SignInAsync("wrong password!");
        await Assertions.Expect(Page.GetByText("Wrong user or password.")).ToBeVisibleAsync();

        await SignInAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Scripts" })).ToBeVisibleAsync();
        await WaitForLiveAsync();
        await Assertions.Expect(Page.Locator(".scripto-user")).ToHaveTextAsync(User);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.WaitForURLAsync("**/login");
        await Page.GotoAsync(Url("/"));
        Assert.Contains("/login", Page.Url);
    }

    [Fact]
    public async Task An_admin_makes_a_key_on_the_keys_page_uses_it_and_revokes_it()
    {
        await Page.GotoAsync(Url("/keys"));
        await SignInAsync();
        await Page.WaitForURLAsync("**/keys");
        await WaitForLiveAsync();

        await Page.Locator(".scripto-key-name input").FillAsync("backup host");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var secret = await Page.Locator(".scripto-secret").InnerTextAsync();
        Assert.StartsWith("scripto_", secret);
        await Assertions.Expect(Page.Locator("tr.scripto-key-live", new() { HasText = "backup host" })).ToContainTextAsync("report");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "keys.png"), FullPage = true });

        var ping = new HttpRequestMessage(HttpMethod.Post, "/api/v2/ping/nightly");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(ping)).StatusCode);
        Api.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/v2/ping/nightly", null)).StatusCode);

        await Page.Locator("tr", new() { HasText = "backup host" }).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Page.Locator(".mud-dialog button", new() { HasTextString = "Revoke" }).ClickAsync(); // the confirmation
        await Assertions.Expect(Page.Locator("tr.scripto-key-revoked", new() { HasText = "backup host" })).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.PostAsync("/api/v2/ping/nightly", null)).StatusCode);
    }
}

/// <summary>The first start with nobody to sign in: the one-time setup page makes the first admin.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class SetupTests : BrowserTest
{
    public SetupTests(ChromiumFixture chromium) : base(chromium)
    {
        App.Clock.SetUtcNow(DateTimeOffset.UtcNow); // the sign-in cookie's expiry, as the browser's clock reads it
        App.Settings["Security:Anonymous"] = "None";
    }

    [Fact]
    public async Task The_first_admin_is_made_on_the_setup_page_which_then_closes()
    {
        await Page.GotoAsync(new Uri(App.ServerAddress, "/setup").ToString());
        await Page.GetByLabel("User").FillAsync("first");
        await Page.GetByLabel("Password (at least 12 characters)").FillAsync("short");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".scripto-error")).ToContainTextAsync("at least 12 characters");

        await Page.GetByLabel("Password (at least 12 characters)").FillAsync("a long enough password");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Scripts" })).ToBeVisibleAsync();

        await Page.GotoAsync(new Uri(App.ServerAddress, "/setup").ToString());
        await Assertions.Expect(Page.Locator(".scripto-done")).ToContainTextAsync("Scripto is set up");
    }
}
