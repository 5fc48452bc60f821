using Microsoft.Playwright;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Browser;

/// <summary>An admin adds a viewer on the Users page; the viewer signs in, sees everything and finds nothing to change.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class UsersPageTests : BrowserTest
{
    private const string Admin = "ops";
    private const string Password = "correct horse battery";
    private const string Key = "admin-key-0123456789abcdef";

    public UsersPageTests(ChromiumFixture chromium) : base(chromium)
    {
        App.Clock.SetUtcNow(DateTimeOffset.UtcNow); // the sign-in cookie's expiry, as the browser's clock reads it
        App.Settings["Security:Anonymous"] = "None";
        App.Settings["Security:Admin:User"] = Admin;
        App.Settings["Security:Admin:Password"] = Password;
        App.Settings["Security:ApiKeys:0:Name"] = "reporter";
        App.Settings["Security:ApiKeys:0:Key"] = Key;
        App.Settings["Security:ApiKeys:0:Scopes"] = "admin";
    }

    private string Url(string path) => new Uri(App.ServerAddress, path).ToString();

    private async Task SignInAsync(string user, string password)
    {
        await Page.GetByLabel("User").FillAsync(user);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private ILocator Row(string user) => Page.Locator($"tr[data-user='{user}']");

    private async Task AddUserAsync(string name, string password, string role)
    {
        await Page.Locator(".scripto-user-name input").FillAsync(name);
        await Page.Locator(".scripto-user-password input").FillAsync(password);
        await Page.GetByRole(AriaRole.Radio, new() { Name = role }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(Row(name)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_admin_adds_a_viewer_who_signs_in_and_sees_no_control_that_changes_anything()
    {
        Api.DefaultRequestHeaders.Authorization = new("Bearer", Key);
        var ping = await Api.PostAsync("/api/v2/ping/backup.sh?server=db-1&schedule=daily", new StringContent("dumped 3 tables"));
        var scriptId = (long)(await ping.JsonAsync())["id"]!;

        // The admin: the last admin cannot step down; a viewer is added, a mistaken user deleted.
        await Page.GotoAsync(Url("/users"));
        await SignInAsync(Admin, Password);
        // The redirect back to /users, then the page live: its data-live mark, not the browser's load event, which once
        // took over 10 s under the full suite's load while the page itself was up (not explained).
        await Page.WaitForURLAsync("**/users", new() { WaitUntil = WaitUntilState.Commit });
        await WaitForLiveAsync();
        await Row(Admin).GetByRole(AriaRole.Button, new() { Name = "Make viewer" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("ops is the last admin");
        await Assertions.Expect(Row(Admin).Locator(".scripto-user-role-cell")).ToHaveTextAsync("admin");

        await Page.Locator(".scripto-user-name input").FillAsync("watcher");
        await Page.Locator(".scripto-user-password input").FillAsync("short");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".scripto-user-error")).ToContainTextAsync("12 characters");
        await AddUserAsync("watcher", "a first long password", "viewer");
        await AddUserAsync("mistake", "another long password", "admin");
        await Row("mistake").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Page.Locator(".scripto-confirm-do").ClickAsync();
        await Assertions.Expect(Row("mistake")).ToHaveCountAsync(0);

        await Row("watcher").GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await Page.Locator(".scripto-new-password-field input").FillAsync("the viewer's passphrase");
        await Page.Locator(".scripto-new-password-save").ClickAsync();
        await Assertions.Expect(Page.Locator(".mud-snackbar", new() { HasText = "password is changed" })).ToBeVisibleAsync();
        await Assertions.Expect(Row("watcher").Locator(".scripto-user-role-cell")).ToHaveTextAsync("viewer");
        await Page.ReloadAsync(); // the page as it opens, without the messages over it
        await WaitForLiveAsync();
        await Assertions.Expect(Row("watcher").Locator(".scripto-user-role-cell")).ToHaveTextAsync("viewer");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "users.png"), FullPage = true });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.WaitForURLAsync("**/login");

        // The viewer: the dashboard and the script, read only.
        await SignInAsync("watcher", "the viewer's passphrase");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Scripts" })).ToBeVisibleAsync();
        await WaitForLiveAsync();
        await Assertions.Expect(Page.Locator(".scripto-viewer-badge")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("backup.sh")).ToBeVisibleAsync();
        foreach (var link in new[] { ".scripto-users-link", ".scripto-keys-link", ".scripto-notifications-link" })
            await Assertions.Expect(Page.Locator(link)).ToHaveCountAsync(0);

        await Page.GotoAsync(Url($"/scripts/{scriptId}"));
        await WaitForLiveAsync();
        await Assertions.Expect(Page.Locator(".scripto-script-name")).ToHaveTextAsync("backup.sh");
        await Assertions.Expect(Page.Locator(".scripto-runs")).ToBeVisibleAsync(); // its runs
        foreach (var control in new[] { ".scripto-pause", ".scripto-resume", ".scripto-delete", ".scripto-save", ".scripto-save-thresholds" })
            await Assertions.Expect(Page.Locator(control)).ToHaveCountAsync(0);
        foreach (var field in new[] { ".scripto-period input", ".scripto-grace input", ".scripto-failures input", ".scripto-recoveries input" })
            await Assertions.Expect(Page.Locator(field)).ToHaveAttributeAsync("readonly", new System.Text.RegularExpressions.Regex(".*"));
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "script-as-viewer.png"), FullPage = true });

        await Page.GotoAsync(Url("/users"));
        Assert.Contains("/login?denied=1", Page.Url);
    }
}
