using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Config;

/// <summary>
/// POST /api/v2/config refused before anything is written: a bad file names its line and field, a wrong type or
/// parameter or key is refused. The parser and the gate are the same on every database (SQLite only).
/// </summary>
public sealed class ConfigRefusalTests : ApiTest
{
    private const string ReadKey = "read-key-0123456789abcdef";

    public override Task InitializeAsync()
    {
        App.Settings["Security:ApiKeys:0:Name"] = "viewer";
        App.Settings["Security:ApiKeys:0:Key"] = ReadKey;
        App.Settings["Security:ApiKeys:0:Scopes"] = "read,report";
        return base.InitializeAsync();
    }

    [Fact]
    public async Task A_file_whose_last_entry_is_bad_writes_none_of_the_others()
    {
        (await Client.GetAsync("/healthz")).EnsureSuccessStatusCode();
        const string file = """
            scripts:
            - name: one.sh
              schedule: daily
            - name: two.sh
              schedule: hourly
            channels:
            - name: hook
              kind: webhook
              url: https://hooks.example/x
            status_pages:
            - slug: acme
              title: Acme
              tags: [db]
            maintenance:
            - servers: [db-1]
              cron: 0 2 * * *
              duration: 2 hours
              reason: vacuum
            """;
        var before = DatabaseContents.Checksum(App.ConnectionString);

        var response = await ConfigSeed.PostAsync(Client, file);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.StartsWith("line 17: must be a duration", (string)errors["maintenance[0].duration"]![0]!);
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
        Assert.Equal(0L, DatabaseContents.Scalar(App.ConnectionString, "SELECT count(*) FROM scripts"));
    }

    [Theory]
    [InlineData("scripts:\n- name: a.sh\n  schedule: daily\n- name: b.sh\n  schedule: daily\n  gracee: 5m\n", "scripts[1].gracee", 6, "is not a field of scripts")]
    [InlineData("scripts:\n- name: a.sh\n  cron: 61 * * * *\n", "scripts[0].cron", 3, "")]
    [InlineData("scripts:\n- name: a.sh\n  schedule: fortnightly\n", "scripts[0].schedule", 3, "")]
    [InlineData("scripts:\n- name: a.sh\n  cron: 0 2 * * *\n  tz: Mars/Olympus\n", "scripts[0].tz", 4, "")]
    [InlineData("scripts:\n- name: a.sh\n  server: db-1\n- name: b.sh\n- name: a.sh\n  server: db-1\n", "scripts[2].name", 5, "is already scripts[0] (line 2)")]
    [InlineData("scripts:\n- name: a.sh\n  failures: 0\n", "scripts[0].failures", 3, "")]
    [InlineData("status_pages:\n- slug: Not A Slug\n  title: x\n  tags: [db]\n", "status_pages[0].slug", 2, "")]
    [InlineData("channels:\n- name: phone\n  kind: gotify\n  url: https://gotify.example\n", "channels[0].token", 2, "secrets are never exported")]
    [InlineData("scripts:\n  name: a.sh\n", "scripts", 2, "must be a list")]
    [InlineData("scripts:\n- name: a.sh\n  schedule: daily: weekly\n", "(document)", 3, "is not YAML")]
    public async Task A_refused_file_names_the_line_and_the_field_and_writes_nothing(string yaml, string path, int line, string says)
    {
        (await Client.GetAsync("/healthz")).EnsureSuccessStatusCode();
        var before = DatabaseContents.Checksum(App.ConnectionString);

        var response = await ConfigSeed.PostAsync(Client, yaml);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(path), errors.ToJsonString());
        var message = (string)errors[path]![0]!;
        Assert.StartsWith($"line {line}: ", message);
        Assert.Contains(says, message);
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
    }

    [Fact]
    public async Task Json_mistakes_name_their_line_too()
    {
        const string json = "{\n  \"scripts\": [\n    {\"name\": \"a.sh\", \"schedule\": \"daily\"},\n    {\"name\": \"b.sh\",\n     \"grace\": \"5 minutes\", \"schedule\": \"daily\"}\n  ]\n}";

        var response = await ConfigSeed.PostAsync(Client, json, type: "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("line 5: ", (string)(await response.JsonAsync())["errors"]!["scripts[1].grace"]![0]!);
        var broken = await ConfigSeed.PostAsync(Client, "{\n\"scripts\": [\n}", type: "application/json");
        Assert.StartsWith("line 3: is not JSON", (string)(await broken.JsonAsync())["errors"]!["(document)"]![0]!);
    }

    [Fact]
    public async Task A_misspelt_dry_run_is_refused_rather_than_applied()
    {
        (await Client.GetAsync("/healthz")).EnsureSuccessStatusCode();

        var response = await ConfigSeed.PostAsync(Client, "scripts:\n- name: a.sh\n", "?dryrun=1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["dryrun"]);
        Assert.Equal(0L, DatabaseContents.Scalar(App.ConnectionString, "SELECT count(*) FROM scripts"));
    }

    [Fact]
    public async Task Another_content_type_is_refused_415()
    {
        var response = await ConfigSeed.PostAsync(Client, "scripts: []", type: "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/yaml", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_key_without_the_admin_scope_is_refused_403_and_nothing_is_written()
    {
        (await Client.GetAsync("/healthz")).EnsureSuccessStatusCode();
        var before = DatabaseContents.Checksum(App.ConnectionString);
        var remote = App.CreateRemoteClient();
        remote.DefaultRequestHeaders.Authorization = new("Bearer", ReadKey);

        var response = await ConfigSeed.PostAsync(remote, "scripts:\n- name: a.sh\n");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
    }
}
