using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core.Maintenance;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Sharing;
using Scripto.Tests.Shared;
using YamlDotNet.Serialization;

namespace Scripto.Tests.Config;

/// <summary>GET /api/v2/config: the configuration as code, YAML or JSON, in the v2 ping's words, without secrets.</summary>
public sealed class ConfigExportTests : ApiTest
{
    private const string Ping = "/api/v2/ping/backup.sh?server=db-1&cron=30+2+*+*+*&tz=Europe/Paris&grace=20m&tags=db,nightly&max_runtime=30m&failures=3";

    private async Task SeedAsync()
    {
        Assert.True((await Client.PostAsync(Ping, null)).IsSuccessStatusCode);
        Assert.True((await Client.PostAsync("/api/v2/ping/rotate.sh?server=web-1&schedule=daily", null)).IsSuccessStatusCode);
        var channel = await App.Services.GetRequiredService<ChannelService>().CreateAsync(new ChannelInput
        {
            Name = "ops-webhook", Kind = "webhook", Url = "https://hooks.example/scripto", Secret = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=",
        });
        Assert.True(channel.Channel is not null, string.Join("; ", channel.Errors ?? []));
        await App.Services.GetRequiredService<StatusPages>().SaveAsync(null, new StatusPageInput("acme", "Acme", ["db"], ["web-1"]));
        var windows = App.Services.GetRequiredService<MaintenanceService>();
        var admin = new MaintenanceRequester("ops", Admin: true);
        var nightly = await windows.CreateAsync(new MaintenanceInput { Tags = ["db"], Cron = "0 2 * * *", TimeZone = "Europe/Paris", Duration = "2h", Reason = "vacuum" }, admin);
        Assert.True(nightly.Window is not null, string.Join("; ", nightly.Errors ?? []));
        var ended = await windows.CreateAsync(new MaintenanceInput { Servers = ["web-1"], For = "1h", Reason = "done already" }, admin);
        await windows.EndAsync(ended.Window!.Id, admin); // history, not configuration
    }

    private static Dictionary<string, object> ParseYaml(string yaml) => new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(yaml);

    [Fact]
    public async Task It_answers_yaml_by_default_with_each_script_in_the_v2_pings_words()
    {
        await SeedAsync();

        var response = await Client.GetAsync("/api/v2/config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType!.MediaType);
        var yaml = await response.Content.ReadAsStringAsync();
        var document = ParseYaml(yaml);
        Assert.Equal(["scripts", "channels", "maintenance", "status_pages"], document.Keys);
        var scripts = (List<object>)document["scripts"];
        var backup = (Dictionary<object, object>)scripts[0];
        Assert.Equal("backup.sh", backup["name"]);
        Assert.Equal("db-1", backup["server"]);
        Assert.Equal("30 2 * * *", backup["cron"]);
        Assert.Equal("Europe/Paris", backup["tz"]);
        Assert.Equal("20m", backup["grace"]);
        Assert.Equal("30m", backup["max_runtime"]);
        Assert.Equal("3", backup["failures"]);
        Assert.Equal(new List<object> { "db", "nightly" }, backup["tags"]);
        Assert.False(backup.ContainsKey("schedule"));
        var rotate = (Dictionary<object, object>)scripts[1];
        Assert.Equal("daily", rotate["schedule"]);
        Assert.False(rotate.ContainsKey("grace")); // the default: left out
        var window = (Dictionary<object, object>)Assert.Single((List<object>)document["maintenance"]);
        Assert.Equal("0 2 * * *", window["cron"]);
        Assert.Equal("Europe/Paris", window["time_zone"]);
        Assert.Equal("2h", window["duration"]);
        Assert.Equal(new List<object> { "db" }, window["tags"]);
        Assert.Equal("vacuum", window["reason"]);
        var page = (Dictionary<object, object>)((List<object>)document["status_pages"])[0];
        Assert.Equal("acme", page["slug"]);
    }

    [Fact]
    public async Task Json_when_asked_says_the_same_and_no_secret_is_in_either()
    {
        await SeedAsync();
        var yaml = await (await Client.GetAsync("/api/v2/config")).Content.ReadAsStringAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/config");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await Client.SendAsync(request);

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        var fromJson = JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
        var fromYaml = JsonSerializer.Serialize(new SerializerBuilder().JsonCompatible().Build().Serialize(ParseYaml(yaml)) is var text
            ? JsonDocument.Parse(text).RootElement : default);
        Assert.Equal(Normalise(fromYaml), Normalise(fromJson));
        Assert.DoesNotContain("whsec_", yaml);
        Assert.DoesNotContain("whsec_", json);
        Assert.Contains("ops-webhook", json);
    }

    /// <summary>YAML has no types: numbers and booleans compare as text.</summary>
    private static string Normalise(string json) => json.Replace("\"", "");

    [Fact]
    public async Task Only_an_admin_may_read_it()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateRemoteClient().GetAsync("/api/v2/config")).StatusCode);
    }
}
