using System.Net;
using System.Text.Json.Nodes;
using Scripto.Core;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Config;

/// <summary>
/// v1 lets two scripts share a name and server; the export lists both, and applying that export back to the install
/// changes nothing: the n-th entry of a name and server is the n-th such script by id.
/// </summary>
public class ConfigDuplicateTests : ApiTest
{
    private async Task<(long, long)> TwoNamedAlikeAsync()
    {
        var hourly = await Client.CreateScriptAsync(new { name = "backup.sh", server = "db-1", periodicity = "hourly" });
        var daily = await Client.CreateScriptAsync(new { name = "backup.sh", server = "db-1", periodicity = "daily" });
        return (hourly, daily);
    }

    private static async Task<JsonObject> AppliedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public async Task An_export_holding_two_scripts_of_one_name_and_server_applies_back_unchanged()
    {
        await TwoNamedAlikeAsync();
        var yaml = await ConfigSeed.ExportAsync(Client);
        Assert.Contains("schedule: hourly", yaml);
        Assert.Contains("schedule: daily", yaml);
        var before = DatabaseContents.Checksum(App.ConnectionString);

        var diff = await AppliedAsync(await ConfigSeed.PostAsync(Client, yaml, "?prune=1"));

        Assert.Empty(diff["created"]!.AsArray());
        Assert.Empty(diff["changed"]!.AsArray());
        Assert.Empty(diff["deleted"]!.AsArray());
        Assert.Equal(2, (int)diff["unchanged"]!);
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
    }

    [Fact]
    public async Task Each_entry_changes_its_own_script_in_id_order()
    {
        var (hourly, daily) = await TwoNamedAlikeAsync();
        var yaml = (await ConfigSeed.ExportAsync(Client)).Replace("schedule: daily", "schedule: weekly");

        await AppliedAsync(await ConfigSeed.PostAsync(Client, yaml));

        Assert.Equal("Period|3600", DatabaseContents.Scalar(App.ConnectionString, $"SELECT schedule_kind || '|' || period_seconds FROM scripts WHERE id = {hourly}"));
        Assert.Equal("Period|604800", DatabaseContents.Scalar(App.ConnectionString, $"SELECT schedule_kind || '|' || period_seconds FROM scripts WHERE id = {daily}"));
    }

    [Fact]
    public async Task Prune_with_one_entry_keeps_the_first_and_deletes_the_second()
    {
        var (hourly, _) = await TwoNamedAlikeAsync();

        var diff = await AppliedAsync(await ConfigSeed.PostAsync(Client, "scripts:\n- name: backup.sh\n  server: db-1\n  schedule: hourly\n", "?prune=1"));

        Assert.Single(diff["deleted"]!.AsArray());
        Assert.Equal(hourly, (long)DatabaseContents.Scalar(App.ConnectionString, "SELECT id FROM scripts")!);
    }

    [Fact]
    public async Task A_file_that_repeats_a_script_more_often_than_the_install_holds_it_is_refused()
    {
        await TwoNamedAlikeAsync();
        var yaml = await ConfigSeed.ExportAsync(Client);
        var third = yaml.Replace("scripts:\n", "scripts:\n- name: backup.sh\n  server: db-1\n");
        var before = DatabaseContents.Checksum(App.ConnectionString);

        var response = await ConfigSeed.PostAsync(Client, third);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is already scripts[0] (line 2)", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
    }
}

public sealed class ConfigDuplicateTestsOnPostgres : ConfigDuplicateTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
