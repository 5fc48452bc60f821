using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Config;

/// <summary>
/// An export taken during a one-off maintenance window still applies once the window has ended: the ended window is
/// ignored (listed under "ignored" in the diff), the rest of the file applies.
/// </summary>
public sealed class ConfigEndedWindowTests : ApiTest
{
    [Fact]
    public async Task An_export_taken_during_a_one_off_window_applies_after_the_window_ended()
    {
        await ConfigSeed.SeedAsync(Client, App.Services);
        var yaml = await ConfigSeed.ExportAsync(Client);
        Assert.Contains("kernel upgrade", yaml);

        await using var later = new ScriptoFactory(Provider);
        later.Clock.SetUtcNow(new DateTimeOffset(2017, 8, 3, 10, 0, 1, TimeSpan.Zero)); // the window ended a second ago
        var laterClient = later.CreateClient();
        var response = await ConfigSeed.PostAsync(laterClient, yaml, "?prune=1");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var diff = await response.JsonAsync();
        var ignored = Assert.Single(diff["ignored"]!.AsArray());
        Assert.Equal("maintenance", (string)ignored!["kind"]!);
        Assert.Equal("servers web-1: kernel upgrade", (string)ignored["key"]!);
        Assert.Equal(6 + 2 + 1 + 1, diff["created"]!.AsArray().Count);
        Assert.Equal(6L, DatabaseContents.Scalar(later.ConnectionString, "SELECT count(*) FROM scripts"));
        Assert.Equal(1L, DatabaseContents.Scalar(later.ConnectionString, "SELECT count(*) FROM maintenance_windows"));
    }

    [Fact]
    public async Task An_ended_window_with_another_mistake_still_names_that_mistake()
    {
        const string file = "maintenance:\n- servers: [web-1]\n  from: 2017-08-01T08:00:00Z\n  until: 2017-08-01T10:00:00Z\n  reason: x\n  duration: 2h\n";

        var response = await ConfigSeed.PostAsync(Client, file, "?dry_run=1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("maintenance[0].duration"), errors.ToJsonString());
        Assert.False(errors.ContainsKey("maintenance[0].until"), errors.ToJsonString());
    }
}
