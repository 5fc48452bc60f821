using Microsoft.Playwright;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Browser;

/// <summary>
/// A dashboard open to anonymous readers tells them how to get in: "Sign in" (back to the page they were on) once
/// someone can sign in, "Set up the first admin" before.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class TopBarAccountLinkTests : BrowserTest
{
    private const string User = "ops";
    private const string Password = "correct horse battery";

    public TopBarAccountLinkTests(ChromiumFixture chromium) : base(chromium)
    {
        App.Clock.SetUtcNow(DateTimeOffset.UtcNow); // the sign-in cookie's expiry, as the browser's clock reads it
        App.Settings["Security:Anonymous"] = "Read";
        App.Settings["Security:Admin:User"] = User;
        App.Settings["Security:Admin:Password"] = Password;
    }

    private string Url(string path) => new Uri(App.ServerAddress, path).ToString();

    [Fact]
    public async Task An_anonymous_reader_signs_in_from_the_top_bar_and_comes_back_to_the_page()
    {
        await Page.GotoAsync(Url("/servers"));
        await WaitForLiveAsync();
        var signIn = Page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Sign in" });
        await Assertions.Expect(signIn).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator(".scripto-setup-link")).ToHaveCountAsync(0);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "top-bar-sign-in.png") });

        await signIn.ClickAsync();
        await Page.WaitForURLAsync("**/login?returnUrl=%2Fservers");
        await Assertions.Expect(Page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToHaveCountAsync(0);
        await Page.GetByLabel("User").FillAsync(User);
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Page.WaitForURLAsync("**/servers");
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToHaveCountAsync(0);
    }
}

/// <summary>Before anyone can sign in, the top bar points a new operator to /setup.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class TopBarSetupLinkTests : BrowserTest
{
    public TopBarSetupLinkTests(ChromiumFixture chromium) : base(chromium) => App.Settings["Security:Anonymous"] = "Read";

    private string Url(string path) => new Uri(App.ServerAddress, path).ToString();

    [Fact]
    public async Task Before_the_first_admin_exists_the_top_bar_points_to_setup()
    {
        await Page.GotoAsync(Url("/"));
        await WaitForLiveAsync();
        var setup = Page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Set up the first admin" });
        await Assertions.Expect(setup).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "top-bar-setup.png") });

        await setup.ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Create the first admin" })).ToBeVisibleAsync();
    }
}
