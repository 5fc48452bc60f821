using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Browser;

/// <summary>
/// A page on another site, opened in a browser on the machine where Scripto runs (where anonymous use is admin),
/// tries every way a page can send a write without reading the answer: nothing is written.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class CrossSiteTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_page_from_another_site_writes_nothing_with_fetch_forms_beacons_or_images()
    {
        var victim = await Api.CreateScriptAsync(new { name = "victim.sh", server = "db-1", periodicity = "hourly" });
        await using var attacker = await AttackerSite.StartAsync(AttackPage(App.ServerAddress.ToString().TrimEnd('/'), victim));

        await Page.GotoAsync(attacker.Url);
        await Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        var refusals = () => App.Logs.Entries.Count(e => e.Message.Contains("403 Cross-site request"));
        var scripts = () => (long)DatabaseContents.Scalar(App.ConnectionString, "SELECT count(*) FROM Scripts")!;
        await Eventually.TrueAsync(() => refusals() >= 4 || scripts() > 1, "Scripto saw the page's requests", 10_000);
        Assert.Equal(1L, scripts());
        // The tricks reached Scripto (a browser that blocked them itself would prove nothing) and were refused.
        await Eventually.TrueAsync(() => refusals() >= 4, "Scripto refused the page's fetches, forms and beacon", 10_000);
        Assert.Equal("hourly", (string?)(await (await Api.GetAsync($"/api/v1/script/{victim}")).JsonAsync())["periodicity"]);
        Assert.Equal(0L, DatabaseContents.Scalar(App.ConnectionString, "SELECT count(*) FROM Runs"));
    }

    private static string AttackPage(string scripto, long victim) => $$"""
        <!doctype html>
        <title>Cute cats</title>
        <iframe name="sink"></iframe>
        <form id="form" method="POST" enctype="text/plain" target="sink"
              action="{{scripto}}/api/v2/ping/victim.sh?server=db-1&schedule=none">
          <input name='{"name":"form-v1","x":"' value='"}'>
        </form>
        <form id="v1" method="POST" enctype="text/plain" target="sink" action="{{scripto}}/api/v1/script">
          <input name='{"name":"form-v1","x":"' value='"}'>
        </form>
        <img src="{{scripto}}/api/v2/ping/image.sh?server=evil">
        <script>
          const opts = { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" } };
          fetch("{{scripto}}/api/v2/ping/fetch.sh?server=evil&schedule=none", { ...opts, body: "ok" });
          fetch("{{scripto}}/api/v1/script", { ...opts, body: JSON.stringify({ name: "fetch-v1" }) });
          fetch("{{scripto}}/api/v1/script/{{victim}}", { method: "DELETE", mode: "cors" }).catch(() => {});
          navigator.sendBeacon("{{scripto}}/api/v2/ping/beacon.sh?server=evil", "ok");
          document.getElementById("form").submit();
          setTimeout(() => document.getElementById("v1").submit(), 300);
        </script>
        """;

    /// <summary>A site of its own on another origin (localhost, another port): what an attacker's page would be.</summary>
    private sealed class AttackerSite(WebApplication app) : IAsyncDisposable
    {
        public string Url { get; } = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("127.0.0.1", "localhost") + "/";

        public static async Task<AttackerSite> StartAsync(string html)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.MapGet("/", () => Results.Content(html, "text/html"));
            await app.StartAsync();
            return new AttackerSite(app);
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
