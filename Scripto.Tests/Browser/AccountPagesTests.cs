using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>Sign-in and setup look like the rest of the app: its bar, its card, its primary colour.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class AccountPagesTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Theory]
    [InlineData("/login", "Sign in")]
    [InlineData("/setup", "Create")]
    public async Task The_page_wears_the_apps_bar_and_its_button_the_apps_primary_colour(string path, string button)
    {
        await Page.GotoAsync(new Uri(App.ServerAddress, path).ToString());

        await Expect(Page.Locator(".mud-appbar")).ToBeVisibleAsync();
        var primary = await Page.Locator(".mud-appbar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var submit = Page.Locator(".scripto-account button[type=submit]", new() { HasTextString = button });
        Assert.Equal(primary, await submit.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.NotEqual("rgba(0, 0, 0, 0)", await Page.Locator(".scripto-account").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, $"account{path.Replace('/', '-')}.png") });
    }
}
