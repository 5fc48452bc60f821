using System.Net;
using Microsoft.Extensions.Logging;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Security;

/// <summary>Who may do what with no key: from this machine by default, and as Security:Anonymous says otherwise.</summary>
public sealed class AnonymousAccessTests : IAsyncLifetime
{
    private readonly ScriptoFactory _app = new();

    [Fact]
    public async Task By_default_this_machine_may_do_anything_and_other_machines_nothing()
    {
        var local = _app.CreateClient();
        var id = await local.CreateScriptAsync(new { name = "backup.sh" });
        Assert.Equal(HttpStatusCode.Created, (await local.PostAsync("/api/v2/ping/nightly", null)).StatusCode);

        var remote = _app.CreateRemoteClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await remote.GetAsync("/api/v1/script")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await remote.PostAsync("/api/v2/ping/nightly", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await local.DeleteAsync($"/api/v1/script/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_loopback_address_is_this_machine()
    {
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateRemoteClient("127.0.0.1").GetAsync("/api/v1/script")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateRemoteClient("::1").GetAsync("/api/v1/script")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateRemoteClient("::ffff:127.0.0.1").GetAsync("/api/v1/script")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateRemoteClient("::ffff:10.0.0.1").GetAsync("/api/v1/script")).StatusCode);
    }

    [Fact]
    public async Task Read_lets_anyone_read_for_a_wall_screen_but_not_write()
    {
        _app.Settings["Security:Anonymous"] = "Read";
        var remote = _app.CreateRemoteClient();
        Assert.Equal(HttpStatusCode.OK, (await remote.GetAsync("/api/v1/script")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await remote.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await remote.PostAsync("/api/v2/ping/nightly", null)).StatusCode);
        var page = await remote.GetAsync("/keys");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Full_lets_anyone_do_anything_when_set_explicitly()
    {
        _app.Settings["Security:Anonymous"] = "Full";
        Assert.Equal(HttpStatusCode.Created, (await _app.CreateRemoteClient().PostAsync("/api/v2/ping/nightly", null)).StatusCode);
    }

    [Fact]
    public async Task None_asks_a_key_even_of_this_machine()
    {
        _app.Settings["Security:Anonymous"] = "None";
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().PostAsync("/api/v2/ping/nightly", null)).StatusCode);
        var page = await _app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/");
        Assert.Equal("/login?returnUrl=%2F", page.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Listening_beyond_this_machine_says_plainly_that_it_does_not_run_anonymous_there()
    {
        await using var app = new ExposedFactory();
        app.StartServer();
        var warning = app.Logs.Entries.Single(e => e.Message.StartsWith("Scripto listens beyond this machine"));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("does not run anonymous there", warning.Message);
        Assert.Contains("0.0.0.0", warning.Message);
    }

    [Fact]
    public async Task On_loopback_only_it_says_nothing_of_the_kind()
    {
        await using var app = new ScriptoFactory(TempDatabase.NewPath(), kestrel: true);
        app.StartServer();
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.StartsWith("Scripto listens beyond this machine"));
    }

    private sealed class ExposedFactory : ScriptoFactory
    {
        public ExposedFactory() : base(TempDatabase.NewPath()) => UseKestrel(o => o.Listen(IPAddress.Any, 0));
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();
}
