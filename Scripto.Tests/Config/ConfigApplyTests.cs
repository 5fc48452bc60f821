using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core;
using Scripto.Core.Changes;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Config;

/// <summary>
/// POST /api/v2/config: a file in the export's form, shown as a diff (dry run) or applied whole in one transaction.
/// Files refused before anything is written are <see cref="ConfigRefusalTests"/>'.
/// </summary>
public class ConfigApplyTests : ApiTest
{
    private static async Task<JsonObject> DiffAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static List<string> Keys(JsonObject diff, string list) =>
        diff[list]!.AsArray().Select(e => $"{e!["kind"]} {e["key"]}").ToList();

    [Fact]
    public async Task An_export_applied_to_a_fresh_install_exports_the_same_document_byte_for_byte()
    {
        await ConfigSeed.SeedAsync(Client, App.Services);
        var yaml = await ConfigSeed.ExportAsync(Client);
        Assert.Contains("paused: true", yaml);
        Assert.Contains("heartbeat: true", yaml);
        Assert.Contains("kernel upgrade", yaml);

        await using var fresh = new ScriptoFactory(Provider);
        var freshClient = fresh.CreateClient();
        var diff = await DiffAsync(await ConfigSeed.PostAsync(freshClient, yaml));

        Assert.Equal(6 + 2 + 2 + 1, diff["created"]!.AsArray().Count);
        Assert.False((bool)diff["dry_run"]!);
        Assert.Equal(yaml, await ConfigSeed.ExportAsync(freshClient));
        // Applying it again changes nothing.
        var again = await DiffAsync(await ConfigSeed.PostAsync(freshClient, yaml));
        Assert.Empty(again["created"]!.AsArray());
        Assert.Empty(again["changed"]!.AsArray());
        Assert.Equal(11, (int)again["unchanged"]!);
    }

    [Fact]
    public async Task The_documented_example_applies_and_exports_as_written()
    {
        var example = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "config-example.yaml"));

        var diff = await DiffAsync(await ConfigSeed.PostAsync(Client, example));

        Assert.Equal(["script backup.sh on db-1", "script rotate.sh on web-1", "channel ops-webhook", "maintenance tags db: nightly vacuum", "status_page acme"],
            Keys(diff, "created"));
        Assert.Equal(example, await ConfigSeed.ExportAsync(Client));
    }

    [Fact]
    public async Task The_same_file_as_json_applies_alike()
    {
        await ConfigSeed.SeedAsync(Client, App.Services);
        var yaml = await ConfigSeed.ExportAsync(Client);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/config");
        request.Headers.Accept.Add(new("application/json"));
        var json = await (await Client.SendAsync(request)).Content.ReadAsStringAsync();

        await using var fresh = new ScriptoFactory(Provider);
        var freshClient = fresh.CreateClient();
        await DiffAsync(await ConfigSeed.PostAsync(freshClient, json, type: "application/json"));

        Assert.Equal(yaml, await ConfigSeed.ExportAsync(freshClient));
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_and_lists_exactly_what_would_change()
    {
        await ConfigSeed.SeedAsync(Client, App.Services);
        var yaml = await ConfigSeed.ExportAsync(Client);
        var edited = yaml
            .Replace("  grace: 20m\n", "  grace: 30m\n") // backup.sh
            .Replace("- name: rotate.sh\n  server: web-1\n  schedule: daily\n  failures: 1\n  recoveries: 1\n  paused: false\n", "") // left out
            .Replace("channels:\n", "channels:\n- name: chat\n  kind: webhook\n  url: https://chat.example/hook\n  group_by: none\n  group_wait: 0s\n  group_interval: 1m\n  send_resolved: false\n");
        Assert.NotEqual(yaml, edited);
        var before = DatabaseContents.Checksum(App.ConnectionString);

        var diff = await DiffAsync(await ConfigSeed.PostAsync(Client, edited, "?dry_run=1"));
        var pruned = await DiffAsync(await ConfigSeed.PostAsync(Client, edited, "?dry_run=1&prune=1"));

        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
        Assert.True((bool)diff["dry_run"]!);
        Assert.Equal(["channel chat"], Keys(diff, "created"));
        Assert.Equal(["script backup.sh on db-1"], Keys(diff, "changed"));
        var grace = Assert.Single(diff["changed"]![0]!["fields"]!.AsArray())!;
        Assert.Equal(("grace", "20m", "30m"), ((string)grace["field"]!, (string)grace["old"]!, (string)grace["new"]!));
        Assert.Empty(diff["deleted"]!.AsArray()); // without prune, what the file leaves out is left alone
        Assert.Equal(["script rotate.sh on web-1"], Keys(pruned, "deleted"));

        await DiffAsync(await ConfigSeed.PostAsync(Client, edited));
        Assert.Contains("rotate.sh", await ConfigSeed.ExportAsync(Client));
        await DiffAsync(await ConfigSeed.PostAsync(Client, edited, "?prune=1"));
        Assert.Equal(edited, await ConfigSeed.ExportAsync(Client));
    }

    [Fact]
    public async Task Prune_deletes_channels_pages_and_ends_windows_the_file_leaves_out()
    {
        await ConfigSeed.SeedAsync(Client, App.Services);
        const string onlyOne = "scripts:\n- name: backup.sh\n  server: db-1\n  schedule: daily\n";

        var diff = await DiffAsync(await ConfigSeed.PostAsync(Client, onlyOne, "?prune=1"));

        Assert.Equal(["script backup.sh on db-1"], Keys(diff, "changed"));
        Assert.Equal(["script rotate.sh on web-1", "script sync on web-1", "script alive on db-1", "script adhoc", "script report.py on web-1",
            "channel ops-webhook", "channel ops-mail", "maintenance tags db: vacuum", "maintenance servers web-1: kernel upgrade", "status_page acme"],
            Keys(diff, "deleted"));
        Assert.Equal("scripts:\n- name: backup.sh\n  server: db-1\n  schedule: daily\n  failures: 1\n  recoveries: 1\n  paused: false\nchannels: []\nmaintenance: []\nstatus_pages: []\n",
            await ConfigSeed.ExportAsync(Client));
        Assert.Equal(2L, DatabaseContents.Scalar(App.ConnectionString, "SELECT count(*) FROM maintenance_windows WHERE ended_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_file_that_fails_while_being_written_rolls_back_what_it_wrote_before()
    {
        await using var limited = new ScriptoFactory(Provider) { Settings = { ["Limits:MaxScripts"] = "2" } };
        var client = limited.CreateClient();
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();
        var before = DatabaseContents.Checksum(limited.ConnectionString);
        // Valid throughout: the third script only fails at the limit, after the page, channel and two scripts were written.
        const string file = "status_pages:\n- slug: acme\n  title: Acme\n  tags: [db]\nchannels:\n- name: hook\n  kind: webhook\n  url: https://hooks.example/x\n"
            + "scripts:\n- name: one.sh\n- name: two.sh\n- name: three.sh\n";

        var response = await ConfigSeed.PostAsync(client, file);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Limits:MaxScripts", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, DatabaseContents.Checksum(limited.ConnectionString));
        // And the writer goes on.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v2/ping/one.sh", null)).StatusCode);
    }

    [Fact]
    public async Task A_channel_that_exists_keeps_its_secret_when_the_file_has_none()
    {
        await ConfigSeed.SeedAsync(Client, App.Services);
        var yaml = await ConfigSeed.ExportAsync(Client);

        var diff = await DiffAsync(await ConfigSeed.PostAsync(Client, yaml.Replace("url: https://hooks.example/scripto", "url: https://hooks.example/v2")));

        Assert.Equal(["channel ops-webhook"], Keys(diff, "changed"));
        Assert.Equal("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=", DatabaseContents.Scalar(App.ConnectionString, "SELECT secret FROM channels WHERE name = 'ops-webhook'"));
        Assert.Equal("https://hooks.example/v2", DatabaseContents.Scalar(App.ConnectionString, "SELECT url FROM channels WHERE name = 'ops-webhook'"));
    }

    [Fact]
    public async Task The_change_feed_publishes_the_applied_scripts()
    {
        (await Client.GetAsync("/healthz")).EnsureSuccessStatusCode();
        using var subscription = App.Services.GetRequiredService<ScriptChangeFeed>().Subscribe();
        await using var batches = subscription.ReadBatchesAsync(TimeSpan.Zero).GetAsyncEnumerator();

        await DiffAsync(await ConfigSeed.PostAsync(Client, "scripts:\n- name: new.sh\n  server: db-1\n  schedule: hourly\n"));

        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        var id = (long)DatabaseContents.Scalar(App.ConnectionString, "SELECT id FROM scripts WHERE name = 'new.sh'")!;
        Assert.Equal(ScriptChangeKind.Created, batches.Current.Changes[id]);
    }
}

public sealed class ConfigApplyTestsOnPostgres : ConfigApplyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
