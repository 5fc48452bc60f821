using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>
/// On a phone an admin's top bar holds seven links, the user's name and Sign out: more than 390 px. It scrolls sideways
/// within itself, so each can be reached, while the page stays as wide as the screen; the dashboard's search keeps a
/// usable width.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class PhoneTopBarTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    private const string Admin = "ops";
    private const string Password = "correct horse battery";
    private const string Key = "reporter-key-0123456789abcdef";

    private readonly ChromiumFixture _chromium = chromium;

    public override async Task InitializeAsync()
    {
        App.Clock.SetUtcNow(DateTimeOffset.UtcNow); // the sign-in cookie's expiry, as the browser's clock reads it
        App.Settings["Security:Anonymous"] = "None";
        App.Settings["Security:Admin:User"] = Admin;
        App.Settings["Security:Admin:Password"] = Password;
        App.Settings["Security:ApiKeys:0:Name"] = "reporter";
        App.Settings["Security:ApiKeys:0:Key"] = Key;
        App.Settings["Security:ApiKeys:0:Scopes"] = "report";
        await base.InitializeAsync();
    }

    [Fact]
    public async Task On_a_phone_an_admin_reaches_every_link_of_the_top_bar_and_signs_out()
    {
        Api.DefaultRequestHeaders.Authorization = new("Bearer", Key);
        (await Api.PostAsync("/api/v2/ping/backup.sh?server=db-1", null)).EnsureSuccessStatusCode();
        var phone = await _chromium.Browser.NewPageAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
        });
        phone.SetDefaultTimeout(10_000);
        try
        {
            await phone.GotoAsync(new Uri(App.ServerAddress, "/").ToString());
            await phone.GetByLabel("User").FillAsync(Admin);
            await phone.GetByLabel("Password").FillAsync(Password);
            await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await phone.WaitForSelectorAsync("[data-live]", new() { State = WaitForSelectorState.Attached });
            await Expect(phone.Locator("[data-counter=total] .scripto-counter-value")).ToHaveTextAsync("1");

            Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the dashboard is wider than the phone");
            var search = (await phone.Locator(".scripto-search input").BoundingBoxAsync())!;
            Assert.True(search.Width >= 300, $"the search box is {search.Width} px wide");

            foreach (var link in new[] { "Servers", "Maintenance", "Notifications", "API keys", "Status pages", "Users", "API" })
            {
                var item = phone.Locator("header.mud-appbar").GetByRole(AriaRole.Link, new() { Name = link, Exact = true });
                await item.ScrollIntoViewIfNeededAsync();
                await Expect(item).ToBeInViewportAsync(new() { Ratio = 0.9f }); // scrolled to the edge, a fraction of a pixel may stay past it
            }
            var signOut = phone.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
            await signOut.ScrollIntoViewIfNeededAsync();
            await Expect(signOut).ToBeInViewportAsync(new() { Ratio = 0.9f });
            await phone.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "phone-top-bar-scrolled.png") });
            await signOut.ClickAsync();
            await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        }
        finally
        {
            await phone.CloseAsync();
        }
    }
}
