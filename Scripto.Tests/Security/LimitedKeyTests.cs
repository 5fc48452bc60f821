using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Scripto.Web.Hosting;
using Scripto.Web.Security;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Security;

/// <summary>
/// A report key limited to servers db-* and names backup*: what it may write to, by name (v2) and by id (v1), and
/// what it may not, so that a leaked key can neither silence nor fake reports for the rest.
/// </summary>
public sealed class LimitedKeyTests : SecuredApp
{
    private const string LimitedKey = "limited-key-0123456789abcdef";
    private long _elsewhere;

    public override async Task InitializeAsync()
    {
        App.Settings["Security:ApiKeys:9:Name"] = "db backups";
        App.Settings["Security:ApiKeys:9:Key"] = LimitedKey;
        App.Settings["Security:ApiKeys:9:Scopes"] = "report";
        App.Settings["Security:ApiKeys:9:Servers"] = "db-*";
        App.Settings["Security:ApiKeys:9:Names"] = "backup*";
        await base.InitializeAsync(); // makes backup.sh on db-1
        _elsewhere = await App.CreateClient().CreateScriptAsync(new { name = "payroll.sh", server = "web-1", periodicity = "daily" });
    }

    private string Snapshot() => DatabaseContents.Checksum(App.ConnectionString);

    [Fact]
    public async Task Within_its_limits_the_key_reports_and_creates_by_name()
    {
        var limited = Remote(LimitedKey);

        Assert.Equal(HttpStatusCode.OK, (await limited.PostAsync("/api/v2/ping/backup.sh?server=db-1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await limited.PostAsync("/api/v2/ping/backup-logs?server=db-2&schedule=daily", null)).StatusCode);
    }

    [Fact]
    public async Task Outside_its_limits_the_key_can_neither_report_nor_silence_a_script_by_name()
    {
        var limited = Remote(LimitedKey);
        var before = Snapshot();

        var silence = await limited.PostAsync("/api/v2/ping/payroll.sh?server=web-1&schedule=none", null);
        var otherName = await limited.PostAsync("/api/v2/ping/cleanup.sh?server=db-1", null);

        Assert.Equal(HttpStatusCode.Forbidden, silence.StatusCode);
        var problem = await silence.JsonAsync();
        Assert.Equal("Outside this key's limits", (string?)problem["title"]);
        Assert.Contains("'web-1' is not among this key's servers (db-*)", (string?)problem["detail"]);
        Assert.NotNull(problem["errors"]!["server"]);
        Assert.Equal(HttpStatusCode.Forbidden, otherName.StatusCode);
        Assert.NotNull((await otherName.JsonAsync())["errors"]!["name"]);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task By_id_the_scripts_own_name_and_server_decide()
    {
        var limited = Remote(LimitedKey);

        Assert.Equal(HttpStatusCode.OK, (await limited.SendRawAsync("PUT", $"/api/v1/script/{ScriptId}", """{"status": 1}""")).StatusCode);

        var before = Snapshot();
        var refused = await limited.SendRawAsync("PUT", $"/api/v1/script/{_elsewhere}", """{"status": 1, "periodicity": null}""");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("'web-1'", (string?)(await refused.JsonAsync())["detail"]);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task The_key_can_neither_create_a_script_outside_its_limits_nor_move_one_out_of_them()
    {
        var limited = Remote(LimitedKey);
        var before = Snapshot();

        var created = await limited.SendRawAsync("POST", "/api/v1/script", """{"name": "payroll-2.sh", "server": "db-1"}""");
        var moved = await limited.SendRawAsync("PATCH", $"/api/v1/script/{ScriptId}", """{"server": "web-1"}""");

        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Unlimited_keys_and_admin_keys_still_reach_every_script()
    {
        Assert.Equal(HttpStatusCode.OK, (await Remote(ReportKey).PostAsync("/api/v2/ping/payroll.sh?server=web-1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Remote(AdminKey).SendRawAsync("PUT", $"/api/v1/script/{_elsewhere}", """{"status": 1}""")).StatusCode);
    }

    [Fact]
    public void An_admin_key_cannot_be_limited_in_the_settings()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:ApiKeys:0:Key"] = AdminKey, ["Security:ApiKeys:0:Scopes"] = "admin", ["Security:ApiKeys:0:Servers"] = "db-*",
        }).Build();

        var refused = Assert.Throws<OptionsValidationException>(() => Settings.Read<SecurityOptions>(settings));

        Assert.StartsWith("Security:ApiKeys:0: Only a report key", refused.Message);
    }
}
