using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scripto.Core.Sharing;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>Badges as Chromium draws them, and a status page made on the admin page and opened as its public sees it.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class SharingTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    private async Task<long> PingAsync(string name, string server, string outcome = "", string query = "")
    {
        var response = await Api.PostAsync($"/api/v2/ping/{name}{outcome}?server={server}&schedule=daily{query}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Chromium_draws_each_badge_at_its_width_in_its_states_colour()
    {
        var backup = await PingAsync("backup.sh", "db-1", query: "&tags=db");
        await PingAsync("vacuum.sh", "db-1", "/fail", "&tags=db");
        await PingAsync("rotate-logs.sh", "web-1", "/start");
        var badges = App.Services.GetRequiredService<Badges>();
        var made = new[] { await badges.CreateAsync(Target.OfScript(backup)), await badges.CreateAsync(Target.OfTag("db")), await badges.CreateAsync(Target.OfServer("web-1")) };

        await Page.GotoAsync(new Uri(App.ServerAddress, "/healthz").ToString()); // same origin, so the images load as a README's would
        await Page.SetContentAsync("<body style='margin:0;background:#fff'><p id='badges' style='display:inline-block;margin:0;padding:8px'>"
            + string.Join(" ", made.Select(b => $"<img src='/badges/{b.Token}.svg' data-target='{b.Target}'>")) + "</p></body>");
        foreach (var badge in made)
        {
            var image = Page.Locator($"img[data-target='{badge.Target}']");
            await Expect(image).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await image.EvaluateAsync<int>("i => i.naturalWidth") > 40, $"{badge.Target} is drawn");
            Assert.Equal(20, await image.EvaluateAsync<int>("i => i.naturalHeight"));
        }

        // The message side's colour, as drawn: green for OK, red for a failing tag, blue for a running server.
        var colours = await Page.EvaluateAsync<string[]>("""
            async () => Promise.all([...document.images].map(async img => {
                const canvas = document.createElement('canvas'); canvas.width = img.naturalWidth; canvas.height = 20;
                const g = canvas.getContext('2d'); g.drawImage(img, 0, 0);
                const [r, gr, b] = g.getImageData(img.naturalWidth - 3, 3, 1, 1).data;
                return `${r},${gr},${b}`;
            }))
            """);
        Assert.Equal(3, colours.Length);
        Assert.True(Green(colours[0]), colours[0]);
        Assert.True(Red(colours[1]), colours[1]);
        Assert.True(Blue(colours[2]), colours[2]);
        await Page.Locator("#badges").ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "badges.png") });

        // On the script's page, six hours on: its uptime, and its badges with the line to paste into a README.
        App.Clock.Advance(TimeSpan.FromHours(6));
        await Page.GotoAsync(new Uri(App.ServerAddress, $"/scripts/{backup}").ToString());
        await WaitForLiveAsync();
        await Expect(Page.Locator(".scripto-badge")).ToHaveCountAsync(2); // its own, and its tag db's
        await Expect(Page.Locator(".scripto-badge img").First).ToHaveJSPropertyAsync("complete", true);
        await Expect(Page.Locator(".scripto-uptime [data-window='24 h'] .scripto-uptime-figure")).ToHaveTextAsync("100 %");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "script-page-badges.png"), FullPage = true });

        // On the server view: a server's badges open under its row.
        await Page.GotoAsync(new Uri(App.ServerAddress, "/servers").ToString());
        await WaitForLiveAsync();
        await Page.Locator("tr[data-server='web-1'] .scripto-server-badges").ClickAsync();
        await Expect(Page.Locator(".scripto-badges-row .scripto-badge")).ToHaveCountAsync(1);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "servers-badges.png") });
    }

    private static int[] Rgb(string text) => text.Split(',').Select(int.Parse).ToArray();
    private static bool Green(string c) => Rgb(c) is [var r, var g, var b] && g > 150 && r < 120 && b < 80;
    private static bool Red(string c) => Rgb(c) is [var r, var g, var b] && r > 180 && g < 120 && b < 100;
    private static bool Blue(string c) => Rgb(c) is [var r, var g, var b] && b > 150 && r < 60;

    [Fact]
    public async Task An_admin_makes_a_status_page_and_the_public_sees_it_with_no_circuit()
    {
        // 40 days of daily runs: db-dump.sh fails on day 20 and is fixed the next; mail-queue.sh fails today.
        for (var day = 0; day < 40; day++)
        {
            await PingAsync("website-backup.sh", "web-1", query: "&tags=public");
            await PingAsync("db-dump.sh", "secret-db-7", day == 20 ? "/fail" : "", "&tags=public");
            await PingAsync("mail-queue.sh", "mx-1", day == 39 ? "/fail" : "");
            await PingAsync("payroll.sh", "hr-1", day == 39 ? "/fail" : "");
            App.Clock.Advance(TimeSpan.FromHours(day == 39 ? 6 : 24));
        }

        await Page.GotoAsync(new Uri(App.ServerAddress, "/status-pages").ToString());
        await WaitForLiveAsync();
        await Page.Locator(".scripto-status-slug input").FillAsync("acme");
        await Page.Locator(".scripto-status-title input").FillAsync("Acme services");
        await Page.Locator(".scripto-status-tags input").FillAsync("public");
        await Page.Locator(".scripto-status-servers textarea").FillAsync("mx-1");
        await Page.Locator(".scripto-save-status-page").ClickAsync();
        await Expect(Page.Locator("tr[data-slug='acme']")).ToContainTextAsync("tag public, server mx-1");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "status-pages-admin.png") });

        var sockets = 0;
        Page.WebSocket += (_, _) => sockets++;
        await Page.GotoAsync(new Uri(App.ServerAddress, "/status/acme").ToString());
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Acme services");
        await Expect(Page.Locator(".overall")).ToHaveTextAsync("1 of 2 failing");
        await Expect(Page.Locator(".target")).ToHaveCountAsync(2);
        await Expect(Page.Locator(".target .bar")).ToHaveCountAsync(180);
        Assert.Equal(0, await Page.Locator("script").CountAsync());
        Assert.True(await Page.EvaluateAsync<bool>("() => typeof window.Blazor === 'undefined'"));
        Assert.DoesNotContain("payroll", await Page.ContentAsync());
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "status-page.png"), FullPage = true });
        Assert.Equal(0, sockets);
    }
}
