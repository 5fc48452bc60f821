using System.Net;
using Scripto.Tests.Security;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.Maintenance;

/// <summary>
/// The one curl from the machine under maintenance, with a report key limited to servers db-*: a window for its own
/// server, at most a day, ended by DELETE; anything else 403 naming the field, and nothing written.
/// </summary>
public sealed class ReportKeyWindowTests : SecuredApp
{
    private const string HostKey = "db-host-key-0123456789abcdef";

    public override async Task InitializeAsync()
    {
        App.Settings["Security:ApiKeys:9:Name"] = "db hosts";
        App.Settings["Security:ApiKeys:9:Key"] = HostKey;
        App.Settings["Security:ApiKeys:9:Scopes"] = "report";
        App.Settings["Security:ApiKeys:9:Servers"] = "db-*";
        await base.InitializeAsync();
    }

    private string Snapshot() => DatabaseContents.Checksum(App.ConnectionString);

    [Fact]
    public async Task A_report_key_opens_a_window_for_its_own_server_and_ends_it_early()
    {
        var host = Remote(HostKey);

        var created = await host.PostAsync("/api/v2/maintenance?server=db-1&for=30m&reason=upgrade", null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal("key db hosts", (string?)body["created_by"]);
        Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync(created.Headers.Location)).StatusCode);
        Assert.Equal("over", (string?)(await (await Remote(AdminKey).GetAsync(created.Headers.Location)).JsonAsync())["state"]);
    }

    [Fact]
    public async Task A_window_for_another_server_is_refused_403_naming_the_server()
    {
        var before = Snapshot();

        var refused = await Remote(HostKey).PostAsync("/api/v2/maintenance?server=web-1&for=30m", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Contains("'web-1' is not among this key's servers (db-*)", (string?)problem["detail"]);
        Assert.NotNull(problem["errors"]!["server"]);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task A_window_longer_than_a_day_is_refused_403_naming_for()
    {
        var before = Snapshot();

        var refused = await Remote(HostKey).PostAsync("/api/v2/maintenance?server=db-1&for=25h", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.NotNull(problem["errors"]!["for"]);
        Assert.StartsWith("'for' refused: a report key may open a window of at most 1d. ", (string?)problem["detail"]); // not "The for: …"
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task A_report_key_may_not_open_a_window_by_tag_nor_end_an_admins_window()
    {
        var byTag = await Remote(HostKey).SendRawAsync("POST", "/api/v2/maintenance", """{"tags": ["db"], "for": "1h"}""");
        var admins = await (await Remote(AdminKey).SendRawAsync("POST", "/api/v2/maintenance", """{"names": ["*"], "for": "1h"}""")).JsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, byTag.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Remote(HostKey).DeleteAsync($"/api/v2/maintenance/{admins["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Remote(ReadKey).PostAsync("/api/v2/maintenance?server=db-1&for=1h", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Remote(ReadKey).GetAsync("/api/v2/maintenance")).StatusCode);
    }
}
