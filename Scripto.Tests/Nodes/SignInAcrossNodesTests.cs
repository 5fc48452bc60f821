using System.Net;
using Scripto.Tests.Security;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Nodes;

/// <summary>
/// Two Scripto processes on one PostgreSQL database, each with a home folder of its own as on two machines: a person
/// signed in on one node stays signed in when nginx moves them to the other (their node restarted or died).
/// </summary>
public sealed class SignInAcrossNodesTests : IAsyncLifetime
{
    private const string Admin = "ops";
    private const string Password = "correct horse battery";

    /// <summary>
    /// The person's address, as nginx passes it on (loopback is a trusted proxy): not this machine, so a sign-in is
    /// needed (anonymous use stays this machine's, which the start's readiness check is).
    /// </summary>
    private const string Visitor = "203.0.113.7";

    private readonly string[] _homes = [.. Enumerable.Range(0, 2).Select(_ => Directory.CreateTempSubdirectory("scripto-node-home-").FullName)];
    private PostgresNodes _nodes = null!;

    public async Task InitializeAsync() =>
        _nodes = await PostgresNodes.StartAsync(2, i => new Dictionary<string, string?>
        {
            // ASP.NET's default key ring is a folder under $HOME: one per machine.
            ["HOME"] = _homes[i],
            ["Security__Admin__User"] = Admin,
            ["Security__Admin__Password"] = Password,
        });

    public async Task DisposeAsync()
    {
        await _nodes.DisposeAsync();
        foreach (var home in _homes) Directory.Delete(home, recursive: true);
    }

    private HttpClient Through(int node)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = _nodes.Nodes[node].Address, Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", Visitor);
        return client;
    }

    private static async Task<HttpResponseMessage> ListScriptsAsync(HttpClient client, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/script");
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_sign_in_on_one_node_is_good_on_the_other()
    {
        using var a = Through(0);
        using var b = Through(1);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ListScriptsAsync(b, null)).StatusCode); // B needs a sign-in

        var signedIn = await AccountForm.SignInAsync(a, Admin, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("scripto.auth="));

        var onB = await ListScriptsAsync(b, cookie);

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("Cookie", cookie);
        var dashboard = await b.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode); // not sent to /login
    }
}
