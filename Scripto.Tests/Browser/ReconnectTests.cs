using System.Net;
using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>A wall screen left open across a server restart comes back by itself, showing the current state.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ReconnectTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task After_a_server_restart_the_page_reconnects_and_shows_what_changed_meanwhile()
    {
        var path = TempDatabase.NewPath();
        var page = await chromium.Browser.NewPageAsync();
        try
        {
            int port;
            await using (var first = new PortFactory(path, 0) { KeepDatabase = true })
            {
                port = first.ServerAddress.Port; // Kestrel's choice; the restart takes the same one
                using var api = new HttpClient { BaseAddress = first.ServerAddress };
                await api.CreateScriptAsync(new { name = "before-restart.sh", status = 1 });
                await page.GotoAsync(first.ServerAddress.ToString());
                await Expect(page.Locator(".scripto-name", new() { HasTextString = "before-restart.sh" })).ToBeVisibleAsync();
                await page.WaitForSelectorAsync("[data-live]", new() { State = WaitForSelectorState.Attached });
            }

            await using var second = new PortFactory(path, port);
            using var api2 = new HttpClient { BaseAddress = second.ServerAddress };
            await api2.CreateScriptAsync(new { name = "after-restart.sh", status = 0 });

            await Expect(page.Locator(".scripto-name", new() { HasTextString = "after-restart.sh" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page).ToHaveTitleAsync("(1) Scripto");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private sealed class PortFactory : ScriptoFactory
    {
        public PortFactory(string path, int port) : base(path) => UseKestrel(o => o.Listen(IPAddress.Loopback, port));
    }
}
