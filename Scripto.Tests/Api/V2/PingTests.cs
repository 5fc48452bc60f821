using System.Net;
using System.Text;
using Scripto.Core;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V2;

/// <summary>v2: a script reports by name, nothing to remember; the first report creates it.</summary>
public class PingTests : ApiTest
{
    private Task<HttpResponseMessage> Ping(string path, string? body = null) =>
        Client.SendRawAsync("POST", "/api/v2/ping/" + path, body, body is null ? null : "text/plain");

    private long Count(string sql) => (long)DatabaseContents.Scalar(App.ConnectionString, sql)!;

    [Fact]
    public async Task The_first_report_creates_the_script_and_the_next_one_finds_it()
    {
        var first = await Ping("backup?server=db-1");
        var second = await Ping("backup?server=db-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var created = await first.JsonAsync();
        Assert.Equal((long)created["id"]!, (long)(await second.JsonAsync())["id"]!);
        Assert.Equal("backup", (string?)created["name"]);
        Assert.Equal("db-1", (string?)created["server"]);
        Assert.Equal("ok", (string?)created["status"]);
        Assert.Equal($"http://localhost/scripts/{created["id"]}", first.Headers.Location!.ToString());
        Assert.Equal(2L, Count("SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task Concurrent_first_reports_create_one_script()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Ping("nightly.sh?server=web-1")));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1L, Count("SELECT count(*) FROM scripts"));
        Assert.Equal(32L, Count("SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task The_same_name_on_two_servers_is_two_scripts_and_names_are_case_sensitive()
    {
        await Ping("backup?server=db-1");
        await Ping("backup?server=db-2");
        await Ping("Backup?server=db-1");

        Assert.Equal(3L, Count("SELECT count(*) FROM scripts"));
    }

    [Fact]
    public async Task Start_then_success_gives_the_duration()
    {
        await Ping("etl.py/start");
        App.Clock.Advance(TimeSpan.FromSeconds(95));

        var done = await (await Ping("etl.py")).JsonAsync();

        Assert.Equal(95_000, (long)done["last_duration_ms"]!);
        Assert.Equal("Start,Success", string.Join(",", DatabaseContents.Column(App.ConnectionString, "SELECT signal FROM runs ORDER BY id")));
        Assert.Equal(95_000L, Count("SELECT duration_ms FROM runs WHERE signal = 'Success'"));
    }

    [Fact]
    public async Task A_start_shows_the_script_running()
    {
        var body = await (await Ping("long-job/start")).JsonAsync();

        Assert.Equal("running", (string?)body["status"]);
        Assert.Equal("2017-08-02T14:16:25Z", body["running_since"]!.GetValue<DateTime>().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
    }

    [Theory]
    [InlineData("0", "ok", 0)]
    [InlineData("3", "failed", 3)]
    [InlineData("fail", "failed", null)]
    public async Task An_exit_code_or_fail_says_how_the_run_ended(string signal, string status, int? exitCode)
    {
        var body = await (await Ping($"job.sh/{signal}")).JsonAsync();

        Assert.Equal(status, (string?)body["status"]);
        Assert.Equal(exitCode, (int?)body["last_exit_code"]);
    }

    [Fact]
    public async Task The_body_is_the_output_and_only_its_last_10_kib_are_kept_behind_a_marker()
    {
        var output = string.Concat(Enumerable.Range(0, 3000).Select(i => $"line {i}\n")) + "backup done\n";

        await Ping("backup", output);

        var stored = (string)DatabaseContents.Scalar(App.ConnectionString, "SELECT output FROM runs")!;
        Assert.True(Encoding.UTF8.GetByteCount(stored) <= 10 * 1024);
        Assert.StartsWith("[… output truncated", stored);
        Assert.EndsWith("line 2999\nbackup done\n", stored);
    }

    [Fact]
    public async Task The_first_report_may_carry_the_schedule()
    {
        var period = await (await Ping("rotate?schedule=15m&grace=2m")).JsonAsync();
        var cron = await (await Ping("nightly?cron=30+2+*+*+*&tz=Europe/Paris")).JsonAsync();

        Assert.Equal("15m", (string?)period["schedule"]);
        Assert.Equal(120, (long)period["grace_seconds"]!);
        Assert.Equal("2017-08-02T14:31:25", period["next_due"]!.GetValue<DateTime>().ToString("yyyy-MM-dd'T'HH:mm:ss"));
        Assert.Equal("cron 30 2 * * * (Europe/Paris)", (string?)cron["schedule"]);
        Assert.Equal("2017-08-03T00:30:00", cron["next_due"]!.GetValue<DateTime>().ToString("yyyy-MM-dd'T'HH:mm:ss")); // 02:30 CEST
    }

    [Fact]
    public async Task A_name_with_slashes_travels_encoded()
    {
        var body = await (await Ping("%2Fopt%2Fjobs%2Freport.py")).JsonAsync();

        Assert.Equal("/opt/jobs/report.py", (string?)body["name"]);
    }

    [Fact]
    public async Task A_percent_encoded_percent_sign_in_a_name_is_decoded_once()
    {
        // Over a real socket: the in-process test server does not keep the request target as sent.
        await using var app = new ScriptoFactory(App.Provider, kestrel: true);
        using var http = new HttpClient { BaseAddress = app.ServerAddress };

        var body = await (await http.PostAsync("/api/v2/ping/lit%252Fpct", null)).JsonAsync();

        Assert.Equal("lit%2Fpct", (string?)body["name"]);
    }

    [Theory]
    [InlineData("ad%E2%80%8Bmin")] // a zero-width space: looks like "admin"
    [InlineData("%EF%BB%BFadmin")] // a byte-order mark
    [InlineData("ad%C2%ADmin")] // a soft hyphen
    [InlineData("ad%E2%80%A8min")] // a line separator
    public async Task A_name_with_invisible_characters_is_refused(string name)
    {
        var response = await Ping(name);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invisible", (string?)(await response.JsonAsync())["errors"]!["name"]![0]);
        Assert.Equal(0L, Count("SELECT count(*) FROM scripts"));
    }

    [Fact]
    public async Task A_name_with_an_unencoded_slash_is_404_saying_where_the_name_goes()
    {
        var response = await Ping("jobs/report.py?server=db-1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains("/api/v2/ping/jobs%2Freport.py", (string?)problem["detail"]);
        Assert.NotNull(problem["errors"]?["name"]);
        Assert.Equal(0L, Count("SELECT count(*) FROM scripts"));
    }

    [Fact]
    public async Task A_time_zone_in_any_case_is_accepted_and_stored_in_its_canonical_spelling()
    {
        var body = await (await Ping("nightly?cron=30+2+*+*+*&tz=europe/paris")).JsonAsync();

        Assert.Equal("cron 30 2 * * * (Europe/Paris)", (string?)body["schedule"]);
    }

    [Theory]
    [InlineData("job?sever=db-1", "sever")]
    [InlineData("job?schedule=fortnightly", "schedule")]
    [InlineData("job?schedule=daily&cron=0+3+*+*+*", "schedule")]
    [InlineData("job?cron=61+*+*+*+*", "cron")]
    [InlineData("job?cron=0+3+*+*+*&tz=Mars/Olympus", "tz")]
    [InlineData("job?grace=5m", "grace")]
    [InlineData("job?duration=soon", "duration")]
    [InlineData("job/256", "exit code")]
    [InlineData("job?schedule=999999w999999w", "schedule")]
    [InlineData("job?schedule=daily&grace=999999w999999w", "grace")]
    [InlineData("job?cron=0+0+30+2+*", "never fires")]
    public async Task A_bad_ping_is_refused_naming_the_cause_and_writes_nothing(string path, string named)
    {
        var before = DatabaseContents.Checksum(App.ConnectionString);

        var response = await Ping(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, (string?)(await response.JsonAsync())["detail"]);
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
    }

    [Fact]
    public async Task An_output_over_a_mebibyte_is_refused_with_413()
    {
        var response = await Ping("big", new string('x', 1024 * 1024 + 10));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0L, Count("SELECT count(*) FROM scripts"));
    }

    [Fact]
    public async Task V1_sees_what_v2_reported_on_the_same_data()
    {
        var id = (long)(await (await Ping("backup?server=db-1&schedule=daily")).JsonAsync())["id"]!;

        var v1 = await (await Client.GetAsync($"/api/v1/script/{id}")).JsonAsync();

        Assert.Equal(
            $$"""{"id":{{id}},"last_exec":"2017-08-02T14:16:25","name":"backup","periodicity":"daily","server":"db-1","status":true}""",
            v1.ToJsonString());
    }

    [Fact]
    public async Task Output_sent_as_curl_d_sends_it_is_kept_not_read_as_a_form()
    {
        // curl -d / --data-binary default to application/x-www-form-urlencoded.
        var response = await Client.SendRawAsync("POST", "/api/v2/ping/backup/3", "rsync error: some files vanished\nexit 3\n", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("rsync error: some files vanished\nexit 3\n", DatabaseContents.Scalar(App.ConnectionString, "SELECT output FROM runs"));
    }

    [Fact]
    public async Task A_large_output_sent_as_a_form_keeps_its_tail()
    {
        var output = new string('x', 900_000) + "THE END";

        var response = await Client.SendRawAsync("POST", "/api/v2/ping/big", output, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.EndsWith("THE END", (string)DatabaseContents.Scalar(App.ConnectionString, "SELECT output FROM runs")!);
    }

    [Fact]
    public async Task A_ping_sent_as_get_is_told_to_use_post_and_writes_nothing()
    {
        var response = await Client.GetAsync("/api/v2/ping/backup.sh");
        var start = await Client.GetAsync("/api/v2/ping/backup.sh/start");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, start.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
        Assert.Contains("-X POST", (string?)(await response.JsonAsync())["detail"]);
        Assert.Equal(0L, Count("SELECT count(*) FROM scripts"));
    }

    [Fact]
    public async Task A_name_is_decoded_once()
    {
        var body = await (await Ping("a%2541")).JsonAsync();

        Assert.Equal("a%41", (string?)body["name"]);
    }

    [Fact]
    public async Task A_time_zone_is_stored_in_its_canonical_spelling()
    {
        var body = await (await Ping("nightly?cron=30+2+*+*+*&tz=europe/paris")).JsonAsync();

        Assert.Equal("cron 30 2 * * * (Europe/Paris)", (string?)body["schedule"]);
    }

    [Fact]
    public async Task A_v1_client_that_puts_back_what_it_got_does_not_erase_a_schedule_v1_cannot_show()
    {
        var id = (long)(await (await Ping("nightly?cron=30+2+*+*+*&tz=Europe/Paris")).JsonAsync())["id"]!;
        var got = await (await Client.GetAsync($"/api/v1/script/{id}")).JsonAsync();
        Assert.Null(got["periodicity"]);
        got.Remove("last_exec");

        var put = await Client.SendRawAsync("PUT", $"/api/v1/script/{id}", got.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("cron 30 2 * * * (Europe/Paris)", (string?)(await (await Ping("nightly")).JsonAsync())["schedule"]);
    }

    [Fact]
    public async Task A_v1_null_periodicity_still_removes_a_v1_schedule()
    {
        var id = (long)(await (await Ping("hourly-job?schedule=hourly")).JsonAsync())["id"]!;

        await Client.SendRawAsync("PUT", $"/api/v1/script/{id}", """{"periodicity": null}""");

        Assert.Equal("none", (string?)(await (await Ping("hourly-job")).JsonAsync())["schedule"]);
    }
}

public sealed class PingTestsOnPostgres : PingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
