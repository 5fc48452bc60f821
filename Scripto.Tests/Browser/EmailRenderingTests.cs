using Microsoft.Playwright;
using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Email;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>The HTML part of a real grouped email, as a mail client that renders HTML shows it (the README's screenshot).</summary>
[Collection(ChromiumCollection.Name)]
public sealed class EmailRenderingTests(ChromiumFixture chromium)
{
    private static readonly DateTime Night = new(2026, 11, 26, 1, 50, 30, DateTimeKind.Utc);

    [Fact]
    public async Task A_grouped_email_lists_every_down_script_newest_first_with_links_and_inert_markup()
    {
        var mail = EmailMessages.Build(new ChannelTarget("email", null, ["ops@example.com"], null, null, null), BadNight(), "scripto@example.com");
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 820, Height = 900 } });
        try
        {
            await page.SetContentAsync(mail.HtmlBody!);

            await Expect(page.Locator("h1")).ToHaveTextAsync("[Scripto] 4 DOWN, 1 RESOLVED on db-1: pg_dump-nightly.sh, <img src=x onerror=alert(1)>.sh +2");
            var links = page.Locator("a");
            await Expect(links).ToHaveTextAsync(["pg_dump-nightly.sh", "<img src=x onerror=alert(1)>.sh", "vacuum-analyze.sh", "replicate-wal.sh", "rotate-logs.sh"]);
            await Expect(links.First).ToHaveAttributeAsync("href", "https://scripto.example/scripts/31");
            await Expect(page.Locator("img")).ToHaveCountAsync(0);
            await Expect(page.Locator("h2")).ToHaveTextAsync(["Down (4)", "Resolved (1)"]);

            await page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "notification-email.png"), FullPage = true });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static NotificationMessage BadNight()
    {
        NotifiedScript Script(long id, string name, string reason, int minutesAgo, int? exit, string? output) => new(
            id, name, "db-1", "down", reason, Night.AddMinutes(-minutesAgo), Night.AddMinutes(-minutesAgo - 1), exit, output,
            $"https://scripto.example/scripts/{id}");
        return new NotificationMessage("msg_night", NotificationEvent.Down, "ops-email", "server", "db-1",
            [
                Script(33, "replicate-wal.sh", "no report 20 min after due (01:00 Europe/Paris)", 30, 0, "archived 000000010000004A"),
                Script(31, "pg_dump-nightly.sh", "exited with 1", 1, 1, "pg_dump: error: connection to server on socket failed"),
                Script(32, "vacuum-analyze.sh", "started 02:10, no end within its grace (45 min)", 5, null, null),
                Script(34, "<img src=x onerror=alert(1)>.sh", "exited with 2", 3, 2, "<script>alert('output')</script>"),
            ],
            [Script(35, "rotate-logs.sh", "exited with 1", 95, 0, "rotated 4 files") with { Status = "up", DownForSeconds = 5700 }],
            Night);
    }
}
