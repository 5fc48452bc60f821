using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Sharing;

/// <summary>Badges and status pages open to anyone even where nothing else is (Security:Anonymous=None), and only to read.</summary>
public sealed class PublicAddressesTests : IAsyncLifetime
{
    private readonly ScriptoFactory _app = new() { Settings = { ["Security:Anonymous"] = "None" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Where_nobody_is_anonymous_a_badge_and_a_status_page_still_answer_and_nothing_else_does()
    {
        _app.CreateClient(); // starts the app
        var id = (await _app.Services.GetRequiredService<ScriptWriter>().ReportAsync("backup.sh", "db-1", new ScriptReport(Signal.Success),
            tags: new(true, ["public"]))).Script!.Id;
        var badge = await _app.Services.GetRequiredService<Badges>().CreateAsync(Target.OfScript(id));
        await _app.Services.GetRequiredService<StatusPages>().SaveAsync(null, new StatusPageInput("acme", "Acme", ["public"], []));
        var remote = _app.CreateRemoteClient();

        Assert.Equal(HttpStatusCode.OK, (await remote.GetAsync($"/badges/{badge.Token}.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await remote.GetAsync($"/badges/{badge.Token}.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await remote.GetAsync("/status/acme")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await remote.GetAsync("/api/v1/script")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await remote.GetAsync("/status-pages")).StatusCode); // the admin page: sign in first
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await remote.PostAsync("/status/acme", null)).StatusCode);
    }
}
