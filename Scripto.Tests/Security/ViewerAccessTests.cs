using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scripto.Core;
using Scripto.Tests.Shared;
using Scripto.Web.Security;

namespace Scripto.Tests.Security;

/// <summary>A viewer's sign-in cookie, from another machine: it reads everything and the server refuses every write.</summary>
public class ViewerAccessTests : SecuredApp
{
    private const string Password = "correct horse battery";
    private long _channelId, _windowId;

    private UserAccounts Accounts => App.Services.GetRequiredService<UserAccounts>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var created = await App.CreateClient().SendRawAsync("POST", "/api/v2/channels", """{"name": "ops", "kind": "webhook", "url": "http://127.0.0.1:9/hook"}""");
        _channelId = (long)(await created.JsonAsync())["id"]!;
        _windowId = (long)(await (await App.CreateClient().PostAsync("/api/v2/maintenance?server=db-1&for=1h", null)).JsonAsync())["id"]!;
        await Accounts.CreateAsync("watcher", Password, UserRole.Viewer);
        await Accounts.CreateAsync("anna", Password, UserRole.Admin);
        await Accounts.CreateAsync("ops", Password, UserRole.Admin); // so that anna is not the last admin
    }

    /// <summary>A client carrying the cookie the app gives this person when they sign in.</summary>
    private async Task<HttpClient> SignedInAsync(string name)
    {
        using var scope = App.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(name);
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<IdentityUser>>().CreateUserPrincipalAsync(user!);
        var cookie = App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var now = App.Clock.GetUtcNow();
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddDays(1) }, IdentityConstants.ApplicationScheme);
        var client = Remote(null);
        client.DefaultRequestHeaders.Add("Cookie", $"{cookie.Cookie.Name}={cookie.TicketDataFormat.Protect(ticket)}");
        return client;
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient client, AuthMatrixTests.Endpoint endpoint) =>
        client.SendRawAsync(endpoint.Method, endpoint.Path.Replace("{id}", ScriptId.ToString()).Replace("{channel}", _channelId.ToString()).Replace("{window}", _windowId.ToString()), endpoint.Body);

    [Fact]
    public async Task A_viewers_cookie_reads_everything_and_every_write_and_admin_page_is_refused_with_nothing_changed()
    {
        var viewer = await SignedInAsync("watcher");
        var before = DatabaseContents.Checksum(App.ConnectionString);
        var wrong = new List<string>();
        foreach (var endpoint in AuthMatrixTests.Protected)
        {
            using var response = await SendAsync(viewer, endpoint);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.ToString() ?? "";
            var ok = endpoint.Scope == "read" ? response.IsSuccessStatusCode
                : endpoint.IsPage ? status == 302 && location.StartsWith("/login?denied=1")
                : status == 403;
            if (!ok) wrong.Add($"{endpoint}: {status} {location}");
        }
        Assert.Empty(wrong);
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
    }

    [Fact]
    public async Task An_admins_cookie_writes_until_the_admin_is_made_a_viewer_and_stops_working_once_deleted()
    {
        var anna = await SignedInAsync("anna");
        var channel = """{"name": "chat", "kind": "slack", "url": "http://127.0.0.1:9/hook"}""";
        Assert.Equal(HttpStatusCode.Created, (await anna.SendRawAsync("POST", "/api/v2/channels", channel)).StatusCode);

        var id = (await Accounts.ListAsync()).Single(u => u.Name == "anna").Id;
        Assert.True((await Accounts.SetRoleAsync(id, UserRole.Viewer)).Succeeded);
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.SendRawAsync("DELETE", $"/api/v2/channels/{_channelId}", null)).StatusCode); // at once, same cookie
        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync("/api/v1/script")).StatusCode);

        Assert.True((await Accounts.DeleteAsync(id)).Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anna.GetAsync("/api/v1/script")).StatusCode);
    }
}

public sealed class ViewerAccessTestsOnPostgres : ViewerAccessTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
