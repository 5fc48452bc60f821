using System.Net;
using System.Text;
using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Deploy;

/// <summary>
/// The published app in Production behind nginx with deploy/'s site, reached as a user reaches it: over TLS, in Chromium,
/// and by scripts reporting from another address.
/// </summary>
[Collection(ProductionCollection.Name)]
public sealed class BehindNginxTests(ProductionFixture deployed) : IAsyncLifetime
{
    private const string Reporter = "127.0.0.3"; // a machine other than nginx's, as nginx and the app see it

    private IBrowserContext _browser = null!;
    private IPage _page = null!;

    [Fact]
    public async Task The_dashboard_goes_live_through_nginx_over_its_WebSocket()
    {
        var sockets = new List<IWebSocket>();
        _page.WebSocket += (_, socket) => sockets.Add(socket);
        await _page.GotoAsync(deployed.Https.ToString());
        await _page.WaitForSelectorAsync("[data-live]", new() { State = WaitForSelectorState.Attached });
        var loads = 0;
        _page.Load += (_, _) => loads++;

        using var reporter = deployed.ClientFrom(Reporter);
        var ping = await reporter.PostAsync("api/v2/ping/nightly-backup.sh?server=db-1&schedule=daily", null);

        Assert.Equal(HttpStatusCode.Created, ping.StatusCode);
        await Expect(RowNamed("nightly-backup.sh").Locator(".scripto-status")).ToHaveTextAsync("OK", new() { Timeout = 5_000 });
        Assert.Equal(0, loads);
        var circuit = Assert.Single(sockets, s => s.Url.Contains("/_blazor"));
        Assert.StartsWith($"wss://{deployed.Https.Authority}/", circuit.Url);
        Assert.False(circuit.IsClosed, "the circuit's WebSocket closed: nginx did not upgrade it, so Blazor fell back");
        await _page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "behind-nginx.png") });
    }

    [Fact]
    public async Task A_ping_records_the_reporter_not_nginx_and_answers_with_the_public_url()
    {
        using var reporter = deployed.ClientFrom(Reporter);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "api/v2/ping/rotate-logs.sh?server=web-1");
        forged.Headers.Add("X-Forwarded-For", "192.0.2.66"); // a reporter cannot pass for another machine
        var ping = await reporter.SendAsync(forged);
        var v1 = await reporter.PostAsync("api/v1/script", new StringContent("""{"name": "v1-job.sh"}""", Encoding.UTF8, "application/json"));

        var script = await ping.JsonAsync();
        var url = (string)script["url"]!;
        Assert.Equal(new Uri(deployed.Https, $"scripts/{script["id"]}").ToString(), url);
        Assert.StartsWith(new Uri(deployed.Https, "api/v1/script/").ToString(), v1.Headers.Location!.ToString());

        // The URL it answered opens the script's page, whose runs say where the report came from.
        await _page.GotoAsync(url);
        await Expect(_page.Locator(".scripto-runs tbody tr")).ToHaveCountAsync(1);
        await Expect(_page.Locator(".scripto-runs tbody tr td").Nth(4)).ToHaveTextAsync(Reporter);
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };

        var answer = await http.GetAsync(new Uri(deployed.Http, "scripts/1?tab=runs"));

        Assert.Equal(HttpStatusCode.MovedPermanently, answer.StatusCode);
        Assert.Equal("https://127.0.0.1/scripts/1?tab=runs", answer.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_report_sent_to_plain_http_is_refused_with_the_https_address_not_redirected_and_lost()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };

        var ping = await http.PostAsync(new Uri(deployed.Http, "api/v2/ping/plain-http.sh?server=web-9"), null);
        var v1 = await http.PostAsync(new Uri(deployed.Http, "api/v1/script"), new StringContent("""{"name": "plain-v1.sh"}""", Encoding.UTF8, "application/json"));

        // A status curl -f fails on (a 301 exits 0), naming the address to use.
        Assert.Equal((HttpStatusCode)426, ping.StatusCode);
        Assert.Contains("https://127.0.0.1/api/v2/ping/plain-http.sh?server=web-9", await ping.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode)426, v1.StatusCode);
        using var reporter = deployed.ClientFrom(Reporter);
        var scripts = await reporter.GetStringAsync("api/v1/script?results_per_page=1000");
        Assert.Contains("\"objects\"", scripts);
        Assert.DoesNotContain("plain-http.sh", scripts);
        Assert.DoesNotContain("plain-v1.sh", scripts);
    }

    [Fact]
    public async Task Nginx_lets_through_a_ping_with_1_MiB_of_output_and_leaves_a_larger_one_to_Scripto()
    {
        using var reporter = deployed.ClientFrom(Reporter);

        var largest = await reporter.PostAsync("api/v2/ping/chatty.sh", Output(1024 * 1024));
        var tooLarge = await reporter.PostAsync("api/v2/ping/chatty.sh", Output(1024 * 1024 + 1));

        Assert.Equal(HttpStatusCode.Created, largest.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("send its tail", (string?)(await tooLarge.JsonAsync())["detail"]); // Scripto's answer, not nginx's page
    }

    private static ByteArrayContent Output(int bytes) => new(Encoding.ASCII.GetBytes(new string('x', bytes)));

    private ILocator RowNamed(string name) =>
        _page.Locator("tr").Filter(new() { Has = _page.Locator(".scripto-name", new() { HasTextString = name }) });

    public async Task InitializeAsync()
    {
        _browser = await deployed.Chromium.Browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1400, Height = 1000 } });
        _page = await _browser.NewPageAsync();
        _page.SetDefaultTimeout(10_000);
    }

    public async Task DisposeAsync() => await _browser.CloseAsync();
}
