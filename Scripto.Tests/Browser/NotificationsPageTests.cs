using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>The Notifications page as an admin uses it, with real receivers standing in for the services.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class NotificationsPageTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public async Task An_admin_creates_a_channel_sends_a_test_message_sees_the_log_and_a_failing_channel_in_red()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var gone = await HttpReceiver.StartAsync();
        gone.Status = 404;
        gone.ResponseBody = "no such webhook";

        await Page.GotoAsync(App.ServerAddress.ToString());
        await WaitForLiveAsync(); // the dashboard's circuit is up: the link navigates within it
        await Page.Locator(".scripto-notifications-link").ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Notifications");
        await Expect(Page).ToHaveURLAsync(new Regex("/notifications$"));
        await WaitForLiveAsync();

        // A signed webhook to a receiver that answers.
        await Page.Locator(".scripto-new-channel").ClickAsync();
        await Page.Locator(".scripto-channel-name input").FillAsync("ops-hook");
        await Page.Locator(".scripto-channel-url input").FillAsync(receiver.Url("hooks/scripto"));
        await Page.Locator(".scripto-channel-secret input").FillAsync(Secret);
        await Page.Locator(".scripto-channel-save").ClickAsync();
        var hook = Page.Locator("tr.scripto-channel", new() { HasText = "ops-hook" });
        await Expect(hook.Locator(".scripto-state")).ToHaveTextAsync("ok");

        await hook.Locator(".scripto-send-test").ClickAsync();
        var request = await receiver.SingleAsync();
        using (var body = JsonDocument.Parse(request.Body)) Assert.Equal("test", body.RootElement.GetProperty("event").GetString());
        var signed = Encoding.UTF8.GetBytes($"{request.Header("webhook-id")}.{request.Header("webhook-timestamp")}.").Concat(request.Body).ToArray();
        Assert.Equal("v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Secret[6..]), signed)), request.Header("webhook-signature"));
        await Expect(Page.Locator(".scripto-log-title")).ToHaveTextAsync("Delivery log: ops-hook");
        var sent = Page.Locator(".scripto-delivery-log tr.scripto-attempt").First;
        await Expect(sent.Locator(".scripto-outcome")).ToHaveTextAsync("sent");
        await Expect(sent.Locator(".scripto-attempt-detail")).ToHaveTextAsync("200");
        await Expect(Page.Locator(".scripto-notice")).ToHaveTextAsync("Test message delivered to ops-hook.");

        // The secret is write-only: the page says one is set and never shows it.
        await hook.Locator(".scripto-edit-channel").ClickAsync();
        await Expect(Page.Locator(".scripto-channel-secret")).ToContainTextAsync("A secret is set");
        await Expect(Page.Locator(".scripto-channel-secret input")).ToHaveValueAsync("");
        Assert.DoesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", await Page.ContentAsync());
        await Page.Locator(".scripto-channel-cancel").ClickAsync();

        // A Discord channel whose webhook was deleted: the test message is refused for good, the channel fails.
        await Page.Locator(".scripto-new-channel").ClickAsync();
        await Page.Locator(".scripto-channel-name input").FillAsync("team-discord");
        await Page.Locator(".scripto-channel-kind").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Discord" }).ClickAsync();
        await Page.Locator(".scripto-channel-url input").FillAsync(gone.Url("api/webhooks/1/abc"));
        await Page.Locator(".scripto-channel-save").ClickAsync();
        var discord = Page.Locator("tr.scripto-channel", new() { HasText = "team-discord" });
        await discord.Locator(".scripto-send-test").ClickAsync();

        await Expect(discord.Locator(".scripto-state")).ToHaveTextAsync("failing");
        await Expect(discord.Locator(".scripto-last-error")).ToHaveTextAsync("404 Not Found");
        Assert.True(IsRed(await discord.Locator(".scripto-state").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor")));
        Assert.True(IsRed(await discord.Locator(".scripto-last-error").EvaluateAsync<string>("e => getComputedStyle(e).color")));
        await Expect(Page.Locator(".scripto-log-title")).ToHaveTextAsync("Delivery log: team-discord");
        var refused = Page.Locator(".scripto-delivery-log tr.scripto-attempt").First;
        await Expect(refused.Locator(".scripto-outcome")).ToHaveTextAsync("failing");
        await Expect(refused.Locator(".scripto-attempt-detail")).ToHaveTextAsync("404 Not Found");
        Assert.Single(gone.Requests);
        await Expect(hook.Locator(".scripto-state")).ToHaveTextAsync("ok");

        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "notifications-page.png"), FullPage = true });
        await hook.Locator(".scripto-edit-channel").ClickAsync();
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "notifications-form.png"), FullPage = true });
    }

    [Fact]
    public async Task A_channel_the_rules_refuse_shows_the_reason_under_its_field_and_is_not_created()
    {
        await Page.GotoAsync(new Uri(App.ServerAddress, "/notifications").ToString());
        await WaitForLiveAsync();

        await Page.Locator(".scripto-new-channel").ClickAsync();
        await Page.Locator(".scripto-channel-name input").FillAsync("ops-hook");
        await Page.Locator(".scripto-channel-url input").FillAsync("ftp://hooks.example/scripto");
        await Page.Locator(".scripto-channel-group-wait input").FillAsync("10m");
        await Page.Locator(".scripto-channel-save").ClickAsync();

        await Expect(Page.Locator(".scripto-channel-url")).ToContainTextAsync("must be an absolute http or https URL");
        await Expect(Page.Locator(".scripto-channel-group-wait")).ToContainTextAsync("must not be longer than group_interval (5m)");
        await Expect(Page.Locator("tr.scripto-channel")).ToHaveCountAsync(0);

        await Page.Locator(".scripto-channel-url input").FillAsync("https://hooks.example/scripto");
        await Page.Locator(".scripto-channel-group-wait input").FillAsync("30s");
        await Page.Locator(".scripto-channel-save").ClickAsync();
        await Expect(Page.Locator("tr.scripto-channel")).ToHaveCountAsync(1);

        var row = Page.Locator("tr.scripto-channel", new() { HasText = "ops-hook" });
        await row.Locator(".scripto-delete-channel").ClickAsync();
        await Page.Locator(".mud-dialog .scripto-confirm-do").ClickAsync();
        await Expect(Page.Locator("tr.scripto-channel")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_unusual_runs_switch_makes_a_channel_that_announces_anomalies_and_the_list_says_so()
    {
        await Page.GotoAsync(new Uri(App.ServerAddress, "notifications").ToString());
        await WaitForLiveAsync();

        await Page.Locator(".scripto-new-channel").ClickAsync();
        await Page.Locator(".scripto-channel-name input").FillAsync("runs");
        await Page.Locator(".scripto-channel-url input").FillAsync("http://127.0.0.1:9/hook");
        await Page.Locator(".scripto-channel-anomalies input").CheckAsync();
        await Page.Locator(".scripto-channel-save").ClickAsync();

        var runs = Page.Locator("tr.scripto-channel", new() { HasText = "runs" });
        await Expect(runs).ToContainTextAsync("unusual runs");
        Assert.Equal(1L, DatabaseContents.Scalar(App.ConnectionString, "SELECT anomalies FROM channels WHERE name = 'runs'"));
        await runs.Locator(".scripto-edit-channel").ClickAsync();
        await Expect(Page.Locator(".scripto-channel-anomalies input")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task The_delivery_log_as_first_served_shows_its_times_in_the_zone_the_browser_left_in_its_cookie()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await Page.GotoAsync(new Uri(App.ServerAddress, "notifications").ToString());
        await WaitForLiveAsync();
        await Page.Locator(".scripto-new-channel").ClickAsync();
        await Page.Locator(".scripto-channel-name input").FillAsync("ops-hook");
        await Page.Locator(".scripto-channel-url input").FillAsync(receiver.Url("hooks/scripto"));
        await Page.Locator(".scripto-channel-save").ClickAsync();
        await Page.Locator("tr.scripto-channel", new() { HasText = "ops-hook" }).Locator(".scripto-send-test").ClickAsync();
        await Expect(Page.Locator(".scripto-delivery-log tr.scripto-attempt .scripto-outcome")).ToHaveTextAsync("sent");

        // The page as first served, before its circuit, to a viewer in Tokyo (the signed-in browser's cookies, with
        // the zone scripto.js would have written there): the attempt at 14:16:25 UTC already reads 23:16:25.
        var cookies = (await Page.Context.CookiesAsync()).Where(c => c.Name != "scripto-tz").Select(c => $"{c.Name}={c.Value}");
        var served = await Page.APIRequest.GetAsync(new Uri(App.ServerAddress, "notifications").ToString(),
            new() { Headers = new Dictionary<string, string> { ["Cookie"] = string.Join("; ", cookies.Append("scripto-tz=Asia/Tokyo")) } });
        var html = System.Net.WebUtility.HtmlDecode(await served.TextAsync());
        Assert.Contains("Delivery log: ops-hook", html);
        Assert.Contains("Today at 23:16:25", html);
        Assert.DoesNotContain("Today at 14:16:25", html);
    }

    private static bool IsRed(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',').Select(p => double.Parse(p.Trim())).ToArray();
        return parts[0] > 150 && parts[1] < 100 && parts[2] < 100;
    }

    [Fact]
    public async Task At_1024_px_every_row_keeps_its_delete_button_on_screen_and_two_long_urls_to_one_host_read_apart()
    {
        const string first = "https://hooks.internal.example.com/services/alerting/scripto/team-1/receiver-for-nightly-jobs";
        const string second = "https://hooks.internal.example.com/services/alerting/scripto/team-2/receiver-for-nightly-jobs";
        foreach (var (name, url) in new[] { ("deploy-hook-1", first), ("deploy-hook-2", second) })
            (await Api.SendRawAsync("POST", "/api/v2/channels", $$"""{"name": "{{name}}", "kind": "webhook", "url": "{{url}}"}""")).EnsureSuccessStatusCode();
        (await Api.SendRawAsync("POST", "/api/v2/channels", """{"name": "ops-mail", "kind": "email", "to": ["ops@example.com", "dba@example.com"]}""")).EnsureSuccessStatusCode();
        await Page.SetViewportSizeAsync(1024, 768);

        await Page.GotoAsync(new Uri(App.ServerAddress, "/notifications").ToString());
        await WaitForLiveAsync();

        foreach (var row in await Page.Locator("tr.scripto-channel").AllAsync())
        {
            var delete = row.Locator(".scripto-delete-channel");
            await delete.ScrollIntoViewIfNeededAsync();
            var box = (await delete.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 1024, $"Delete at x {box.X}..{box.X + box.Width} of 1024");
        }
        Assert.Equal(0, await Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth - window.innerWidth")); // no sideways scroll

        var one = Page.Locator("tr[data-channel='deploy-hook-1'] .scripto-channel-destination");
        var two = Page.Locator("tr[data-channel='deploy-hook-2'] .scripto-channel-destination");
        await Expect(one.Locator("span").First).ToHaveTextAsync("hooks.internal.example.com");
        await Expect(one.Locator(".scripto-channel-path")).ToHaveTextAsync("…/team-1/receiver-for-nightly-jobs");
        await Expect(two.Locator(".scripto-channel-path")).ToHaveTextAsync("…/team-2/receiver-for-nightly-jobs");
        await Expect(one).ToHaveAttributeAsync("title", first);
        await Expect(Page.Locator("tr[data-channel='ops-mail'] .scripto-channel-destination")).ToHaveTextAsync("ops@example.com, dba@example.com");
    }
}
