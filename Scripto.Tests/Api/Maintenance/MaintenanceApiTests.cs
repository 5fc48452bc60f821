using System.Net;
using Scripto.Core;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.Maintenance;

/// <summary>/api/v2/maintenance as an admin uses it (from this machine: anonymous is admin): the one-curl form, JSON, listing, ending early, refusals.</summary>
public class MaintenanceApiTests : ApiTest
{
    private Task<HttpResponseMessage> Send(string method, string path, string? body = null) => Client.SendRawAsync(method, path, body);

    private string Checksum() => DatabaseContents.Checksum(App.ConnectionString);

    private async Task<string> MetricsAsync() => await Client.GetStringAsync("/metrics");

    [Fact]
    public async Task The_one_curl_form_answers_201_with_the_window_and_its_location()
    {
        var created = await Client.PostAsync("/api/v2/maintenance?server=db-1&for=30m&reason=upgrade", null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal($"http://localhost/api/v2/maintenance/{body["id"]}", created.Headers.Location!.ToString());
        Assert.Equal("active", (string?)body["state"]);
        Assert.Equal(["db-1"], body["servers"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("upgrade", (string?)body["reason"]);
        Assert.Equal(ScriptoFactory.Start.UtcDateTime.AddMinutes(30), (DateTime)body["until"]!);
        Assert.Equal((string?)body["until"], (string?)body["current"]!["until"]);
        var fetched = await (await Send("GET", created.Headers.Location!.ToString())).JsonAsync();
        Assert.Equal((long)body["id"]!, (long)fetched["id"]!);
    }

    [Fact]
    public async Task A_late_script_in_the_window_is_counted_as_maintenance_in_metrics_and_back_to_late_after_an_early_end()
    {
        await Client.PostAsync("/api/v2/ping/backup.sh?server=db-1&schedule=hourly", null);
        var window = await (await Client.PostAsync("/api/v2/maintenance?server=db-1&for=2h", null)).JsonAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(61)); // due at 60 min: late, within grace

        Assert.Contains("scripto_scripts{state=\"maintenance\"} 1", await MetricsAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await Send("DELETE", $"/api/v2/maintenance/{window["id"]}")).StatusCode);
        Assert.Contains("scripto_scripts{state=\"late\"} 1", await MetricsAsync());
        var ended = await (await Send("GET", $"/api/v2/maintenance/{window["id"]}")).JsonAsync();
        Assert.Equal("over", (string?)ended["state"]);
        Assert.NotNull(ended["ended_at"]);
    }

    [Fact]
    public async Task A_window_set_for_later_starts_by_itself_when_the_clock_gets_there()
    {
        await Client.PostAsync("/api/v2/ping/backup.sh?server=db-1&schedule=hourly", null);
        var from = ScriptoFactory.Start.UtcDateTime.AddMinutes(50).ToString("O");
        var created = await Send("POST", "/api/v2/maintenance", $$"""{"servers": ["db-1"], "from": "{{from}}", "for": "1h", "reason": "kernel"}""");
        Assert.Equal("upcoming", (string?)(await created.JsonAsync())["state"]);

        App.Clock.Advance(TimeSpan.FromMinutes(65));

        await Eventually.TrueAsync(async () => (await MetricsAsync()).Contains("scripto_scripts{state=\"maintenance\"} 1"), "the time worker opens the window");
        App.Clock.Advance(TimeSpan.FromMinutes(50)); // the window ended at 110 min; grace ended at 66
        await Eventually.TrueAsync(async () => (await MetricsAsync()).Contains("scripto_scripts{state=\"down\"} 1"), "the script shows down once the window is over");
    }

    [Fact]
    public async Task A_recurring_window_in_json_is_listed_with_its_next_occurrence_and_ended_with_delete()
    {
        var created = await Send("POST", "/api/v2/maintenance",
            """{"tags": ["db"], "names": ["backup-*"], "cron": "0 2 * * *", "time_zone": "europe/paris", "duration": "2h", "reason": "nightly vacuum"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal(("Europe/Paris", "2h", "upcoming"), ((string?)body["time_zone"], (string?)body["duration"], (string?)body["state"]));
        Assert.Equal(new DateTime(2017, 8, 3, 0, 0, 0, DateTimeKind.Utc), (DateTime)body["next"]!["from"]!); // 02:00 CEST
        var listed = System.Text.Json.Nodes.JsonNode.Parse(await (await Send("GET", "/api/v2/maintenance")).Content.ReadAsStringAsync())!.AsArray().Select(w => (long)w!["id"]!);
        Assert.Contains((long)body["id"]!, listed);

        Assert.Equal(HttpStatusCode.NoContent, (await Send("DELETE", $"/api/v2/maintenance/{body["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send("DELETE", "/api/v2/maintenance/999")).StatusCode);
    }

    [Fact]
    public async Task One_name_where_a_list_belongs_is_a_list_of_one_and_one_with_commas_is_refused_with_the_list_to_send()
    {
        var one = await (await Send("POST", "/api/v2/maintenance", """{"servers": "db-1", "for": "5m"}""")).JsonAsync();
        Assert.Equal(["db-1"], one["servers"]!.AsArray().Select(s => (string)s!));

        var refused = await Send("POST", "/api/v2/maintenance", """{"servers": "zz-1, zz-2", "for": "5m"}""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("""["zz-1", "zz-2"]""", (string)(await refused.JsonAsync())["errors"]!["servers"]![0]!);
    }

    [Theory]
    [InlineData("""{"servers": ["db-1"], "from": "2026-11-27T10:00:00Z", "until": "2026-11-27T09:00:00Z"}""", "until")]
    [InlineData("""{"servers": ["db-1"], "for": "400d"}""", "for")]
    [InlineData("""{"servers": ["db-1"], "cron": "0 2 30 2 *", "duration": "2h"}""", "cron")]
    [InlineData("""{"servers": ["db-1"], "cron": "0 2 * * *", "time_zone": "Mars/Olympus", "duration": "2h"}""", "time_zone")]
    [InlineData("""{"servers": ["db-1"], "cron": "0 2 * * *", "duration": "0s"}""", "duration")]
    [InlineData("""{"for": "1h"}""", "servers")]
    [InlineData("""{"servers": ["db-1"], "for": "1h", "sever": "x"}""", "sever")]
    [InlineData("""{"servers": "db-1", "for": 30}""", "for")]
    [InlineData("""{"servers": "zz-1, zz-2", "for": "5m"}""", "servers")]
    public async Task Bad_input_is_refused_with_a_problem_naming_the_field_and_nothing_written(string json, string field)
    {
        var before = Checksum();

        var refused = await Send("POST", "/api/v2/maintenance", json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await refused.JsonAsync())["errors"]![field]);
        Assert.Equal(before, Checksum());
    }

    [Fact]
    public async Task The_curl_form_refuses_an_unknown_parameter_and_a_missing_server()
    {
        Assert.NotNull((await (await Client.PostAsync("/api/v2/maintenance?server=db-1&for=30m&reson=x", null)).JsonAsync())["errors"]!["reson"]);
        Assert.NotNull((await (await Client.PostAsync("/api/v2/maintenance?for=30m", null)).JsonAsync())["errors"]!["server"]);
    }

    [Fact]
    public async Task A_window_for_a_server_that_never_reported_is_accepted_and_covers_its_first_script()
    {
        await Client.PostAsync("/api/v2/maintenance?server=new-host&for=3h", null);
        await Client.PostAsync("/api/v2/ping/setup.sh?server=new-host&schedule=hourly", null);
        App.Clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Contains("scripto_scripts{state=\"maintenance\"} 1", await MetricsAsync());
    }

    [Fact]
    public async Task A_recurring_window_at_two_in_Paris_covers_two_to_four_local_time_on_both_sides_of_the_autumn_change()
    {
        await Client.PostAsync("/api/v2/ping/vacuum?server=db-1&schedule=daily", null); // then silent: down from the next day on
        await Send("POST", "/api/v2/maintenance", """{"servers": ["db-1"], "cron": "0 2 * * *", "time_zone": "Europe/Paris", "duration": "2h"}""");

        // The time worker opens and closes each occurrence as the clock passes its edges: wait for it to settle on the state expected.
        async Task ShowsAt(DateTime utc, string expected)
        {
            App.Clock.Advance(utc - App.Clock.GetUtcNow().UtcDateTime);
            await Eventually.TrueAsync(async () => (await MetricsAsync()).Contains($"scripto_scripts{{state=\"{expected}\"}} 1"), $"the script shows {expected} at {utc:u}");
        }

        // Summer time (UTC+2) until Sunday 29 October 2017: 02:00-04:00 in Paris is 00:00-02:00 UTC.
        await ShowsAt(new DateTime(2017, 10, 28, 0, 30, 0, DateTimeKind.Utc), "maintenance");
        await ShowsAt(new DateTime(2017, 10, 28, 2, 30, 0, DateTimeKind.Utc), "down");
        // Winter time (UTC+1) after it: 01:00-03:00 UTC.
        await ShowsAt(new DateTime(2017, 10, 30, 0, 30, 0, DateTimeKind.Utc), "down");
        await ShowsAt(new DateTime(2017, 10, 30, 1, 30, 0, DateTimeKind.Utc), "maintenance");
        await ShowsAt(new DateTime(2017, 10, 30, 2, 59, 0, DateTimeKind.Utc), "maintenance");
        await ShowsAt(new DateTime(2017, 10, 30, 3, 0, 0, DateTimeKind.Utc), "down");
    }
}

public sealed class MaintenanceApiTestsOnPostgres : MaintenanceApiTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
