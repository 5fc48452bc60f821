using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Robustness;

/// <summary>
/// Requests a client got wrong are 400s, logged in one line and counted as refusals, never Scripto's 500s.
/// </summary>
public sealed partial class ClientFaultTests
{
    [Fact]
    public async Task A_malformed_chunked_body_is_a_400_counted_as_refused_not_failed()
    {
        await using var app = new ScriptoFactory(TempDatabase.NewPath(), kestrel: true);
        var server = app.ServerAddress;

        var status = await SendChunkedAsync(server, "/api/v1/script", "5\r\n{\"nam\r\nzz\r\nbroken\r\n0\r\n\r\n");
        var ping = await SendChunkedAsync(server, "/api/v2/ping/backup.sh?server=db-1", "not-hex\r\nhello\r\n0\r\n\r\n");

        Assert.Equal(400, status);
        Assert.Equal(400, ping);
        using var http = new HttpClient { BaseAddress = server };
        var metrics = PrometheusScrape.Parse(await http.GetStringAsync("/metrics"));
        Assert.Equal(0, metrics["scripto_reports_total{api=\"v1\",outcome=\"failed\"}"]);
        Assert.Equal(0, metrics["scripto_reports_total{api=\"v2\",outcome=\"failed\"}"]);
        Assert.Equal(1, metrics["scripto_reports_total{api=\"v2\",outcome=\"refused\"}"]);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal(0L, DatabaseContents.Scalar(app.ConnectionString, "SELECT count(*) FROM scripts"));
    }

    [Fact]
    public async Task Sign_out_without_its_token_is_a_400()
    {
        await using var app = new ScriptoFactory();

        var answer = await app.CreateClient().PostAsync("/logout", null);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("Invalid form", (string?)(await answer.JsonAsync())["title"]);
    }

    [Fact]
    public async Task Signing_in_with_a_return_url_in_any_script_goes_there()
    {
        await using var app = new ScriptoFactory { Settings = { ["Security:Admin:User"] = "ops", ["Security:Admin:Password"] = "correct horse battery" } };
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/login?returnUrl=%2Fscripts%2F%C3%A9t%C3%A9");
        var token = Token().Match(form).Groups[1].Value;

        var answer = await client.PostAsync("/login?returnUrl=%2Fscripts%2F%C3%A9t%C3%A9", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.User"] = "ops",
            ["Input.Password"] = "correct horse battery",
        }));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.EndsWith("/scripts/%C3%A9t%C3%A9", answer.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>A POST whose body is sent as chunks exactly as given (HttpClient would only send well-formed ones).</summary>
    private static async Task<int> SendChunkedAsync(Uri server, string target, string chunks)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var request = $"POST {target} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunks}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)) ?? "";
        return int.Parse(statusLine.Split(' ')[1]);
    }
}
