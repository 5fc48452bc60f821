using System.Net;
using System.Text.Json.Nodes;
using Scripto.Core;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.Channels;

/// <summary>/api/v2/channels: channels made, read, replaced and deleted by a script, secrets never shown back.</summary>
public class ChannelsApiTests : ApiTest
{
    private const string Webhook = """
        {"name": "ops-webhook", "kind": "webhook", "url": "https://hooks.example/scripto", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
         "servers": ["db-1", "db-2"], "names": ["backup-*"], "group_by": "server", "group_wait": "30s", "group_interval": "5m",
         "repeat_interval": "off", "send_resolved": true}
        """;

    private Task<HttpResponseMessage> Send(string method, string path, string? body = null) => Client.SendRawAsync(method, path, body);

    private string Checksum() => DatabaseContents.Checksum(App.ConnectionString);

    [Fact]
    public async Task A_channel_is_created_with_201_and_its_location_and_shown_back_without_its_secret()
    {
        var created = await Send("POST", "/api/v2/channels", Webhook);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal($"http://localhost/api/v2/channels/{body["id"]}", created.Headers.Location!.ToString());
        Assert.Equal("ops-webhook", (string?)body["name"]);
        Assert.Equal("webhook", (string?)body["kind"]);
        Assert.Equal("30s", (string?)body["group_wait"]);
        Assert.Equal("5m", (string?)body["group_interval"]);
        Assert.Equal("off", (string?)body["repeat_interval"]);
        Assert.Equal("ok", (string?)body["state"]);
        Assert.Equal(["db-1", "db-2"], body["servers"]!.AsArray().Select(s => (string)s!));
        Assert.True((bool)body["has_secret"]!);
        Assert.Null(body["secret"]);

        var fetched = await (await Send("GET", created.Headers.Location!.ToString())).Content.ReadAsStringAsync();
        var listed = await (await Send("GET", "/api/v2/channels")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", fetched + listed);
        Assert.Contains("ops-webhook", listed);
    }

    [Fact]
    public async Task Grouping_has_the_documented_defaults_and_email_reminds_daily()
    {
        var chat = await (await Send("POST", "/api/v2/channels", """{"name": "chat", "kind": "slack", "url": "http://127.0.0.1:9/hook"}""")).JsonAsync();
        var mail = await (await Send("POST", "/api/v2/channels", """{"name": "mail", "kind": "email", "to": ["ops@example.com"]}""")).JsonAsync();

        Assert.Equal(("server", "30s", "5m", "off", true),
            ((string?)chat["group_by"], (string?)chat["group_wait"], (string?)chat["group_interval"], (string?)chat["repeat_interval"], (bool)chat["send_resolved"]!));
        Assert.Equal("1d", (string?)mail["repeat_interval"]);
        Assert.Equal(["ops@example.com"], mail["to"]!.AsArray().Select(s => (string)s!));
        Assert.False((bool)chat["anomalies"]!); // unusual runs are told only to channels that ask
    }

    [Fact]
    public async Task An_email_channel_is_failing_from_its_creation_when_no_smtp_server_is_set_and_says_which_settings()
    {
        var mail = await (await Send("POST", "/api/v2/channels", """{"name": "mail", "kind": "email", "to": ["ops@example.com"]}""")).JsonAsync();
        var hook = await (await Send("POST", "/api/v2/channels", Webhook)).JsonAsync();

        Assert.Equal("failing", (string?)mail["state"]);
        Assert.Contains("Notifications:Smtp:Host", (string?)mail["last_error"]);
        Assert.Equal("failing", (string?)(await (await Send("GET", $"/api/v2/channels/{mail["id"]}")).JsonAsync())["state"]);
        Assert.Equal(("ok", null), ((string?)hook["state"], (string?)hook["last_error"]));
    }

    [Fact]
    public async Task Anomalies_true_is_kept_and_shown_back_and_a_put_without_it_turns_it_off()
    {
        var created = await Send("POST", "/api/v2/channels", """{"name": "runs", "kind": "slack", "url": "http://127.0.0.1:9/hook", "anomalies": true}""");
        var body = await created.JsonAsync();
        Assert.True((bool)body["anomalies"]!);
        Assert.True((bool)(await (await Send("GET", created.Headers.Location!.ToString())).JsonAsync())["anomalies"]!);

        var replaced = await Send("PUT", created.Headers.Location!.ToString(), """{"name": "runs", "kind": "slack", "url": "http://127.0.0.1:9/hook"}""");
        Assert.False((bool)(await replaced.JsonAsync())["anomalies"]!);
    }

    [Fact]
    public async Task A_put_replaces_the_channel_and_keeps_a_secret_it_leaves_out()
    {
        var id = (long)(await (await Send("POST", "/api/v2/channels", Webhook)).JsonAsync())["id"]!;

        var replaced = await Send("PUT", $"/api/v2/channels/{id}",
            """{"name": "ops-webhook", "kind": "webhook", "url": "https://hooks.example/v2", "group_wait": "10s"}""");

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = await replaced.JsonAsync();
        Assert.Equal("https://hooks.example/v2", (string?)body["url"]);
        Assert.Equal("10s", (string?)body["group_wait"]);
        Assert.Empty(body["servers"]!.AsArray()); // replaced, not merged
        Assert.True((bool)body["has_secret"]!);
        Assert.Equal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", DatabaseContents.Scalar(App.ConnectionString, $"SELECT secret FROM channels WHERE id = {id}"));
    }

    [Fact]
    public async Task What_a_get_returned_can_be_put_back_unchanged()
    {
        var id = (long)(await (await Send("POST", "/api/v2/channels", Webhook)).JsonAsync())["id"]!;
        var fetched = await (await Send("GET", $"/api/v2/channels/{id}")).Content.ReadAsStringAsync();

        var replaced = await Send("PUT", $"/api/v2/channels/{id}", fetched);

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(fetched, await replaced.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_deleted_channel_is_gone_and_a_missing_one_is_a_404()
    {
        var id = (long)(await (await Send("POST", "/api/v2/channels", Webhook)).JsonAsync())["id"]!;

        Assert.Equal(HttpStatusCode.NoContent, (await Send("DELETE", $"/api/v2/channels/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send("GET", $"/api/v2/channels/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send("DELETE", $"/api/v2/channels/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send("POST", $"/api/v2/channels/{id}/test")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send("PUT", $"/api/v2/channels/{id}", Webhook)).StatusCode);
    }

    [Fact]
    public async Task A_deleted_channel_takes_its_undelivered_messages_with_it()
    {
        var id = (long)(await (await Send("POST", "/api/v2/channels", """{"name": "gone", "kind": "slack", "url": "http://127.0.0.1:9/hook", "group_wait": "1h", "group_interval": "2h"}""")).JsonAsync())["id"]!;
        // A message held back by a long group_wait, as the planner queues it.
        DatabaseContents.Scalar(App.ConnectionString, "INSERT INTO notification_deliveries (channel_id, message_id, event, group_key, body, due_at, attempts, created_at) "
            + $"VALUES ({id}, 'msg_x', 'down', 'db-1', '{{}}', '2099-01-01 00:00:00', 0, '2026-01-01 00:00:00')");

        Assert.Equal(HttpStatusCode.NoContent, (await Send("DELETE", $"/api/v2/channels/{id}")).StatusCode);

        Assert.Equal(0L, DatabaseContents.Scalar(App.ConnectionString, "SELECT count(*) FROM notification_deliveries"));
    }

    [Fact]
    public async Task An_ntfy_channel_takes_an_access_token_and_never_shows_it_back()
    {
        var created = await Send("POST", "/api/v2/channels", """{"name": "phone", "kind": "ntfy", "url": "https://ntfy.example/ops", "token": "tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var text = await created.Content.ReadAsStringAsync();
        Assert.True((bool)JsonNode.Parse(text)!["has_token"]!);
        Assert.DoesNotContain("tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2", text + await (await Send("GET", "/api/v2/channels")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"name": "x", "kind": "pager", "url": "https://a.example/"}""", "kind")]
    [InlineData("""{"name": "x", "kind": "webhook", "url": "not a url"}""", "url")]
    [InlineData("""{"name": "x", "kind": "webhook", "url": "ftp://a.example/"}""", "url")]
    [InlineData("""{"name": "x", "kind": "webhook"}""", "url")]
    [InlineData("""{"name": "x", "kind": "email", "to": ["not-an-address"]}""", "to")]
    [InlineData("""{"name": "x", "kind": "email"}""", "to")]
    [InlineData("""{"name": "x", "kind": "email", "to": "ops@a.example, dba@a.example"}""", "to")]
    [InlineData("""{"name": "x", "kind": "slack", "url": "https://a.example/", "group_wait": "10m", "group_interval": "5m"}""", "group_wait")]
    [InlineData("""{"name": "x", "kind": "slack", "url": "https://a.example/", "group_interval": "soon"}""", "group_interval")]
    [InlineData("""{"name": "x", "kind": "slack", "url": "https://a.example/", "group_interval": "0s"}""", "group_interval")]
    [InlineData("""{"name": "x", "kind": "slack", "url": "https://a.example/", "repeat_interval": "never"}""", "repeat_interval")]
    [InlineData("""{"name": "x", "kind": "slack", "url": "https://a.example/", "group_wait": 30}""", "group_wait")]
    [InlineData("""{"name": "x", "kind": "slack", "url": "https://a.example/", "group_by": "label"}""", "group_by")]
    [InlineData("""{"name": "x", "kind": "webhook", "url": "https://a.example/", "secret": "short"}""", "secret")]
    [InlineData("""{"name": "x", "kind": "telegram", "url": "https://api.telegram.org", "token": "123:abc"}""", "chat_id")]
    [InlineData("""{"name": "x", "kind": "gotify", "url": "https://gotify.example"}""", "token")]
    [InlineData("""{"name": "x", "kind": "slack", "url": "https://a.example/", "send_resolved": "yes"}""", "send_resolved")]
    [InlineData("""{"name": "x", "kind": "slack", "url": "https://a.example/", "anomalies": 1}""", "anomalies")]
    [InlineData("""{"name": "x", "kind": "slack", "url": "https://a.example/", "group_wiat": "30s"}""", "group_wiat")]
    [InlineData("""{"kind": "slack", "url": "https://a.example/"}""", "name")]
    public async Task Bad_input_is_refused_with_a_problem_naming_the_field_and_nothing_is_written(string body, string field)
    {
        var before = Checksum();

        var response = await Send("POST", "/api/v2/channels", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync())["errors"]!.AsObject().ContainsKey(field), await response.Content.ReadAsStringAsync());
        Assert.Equal(before, Checksum());
    }

    [Fact]
    public async Task A_bad_put_changes_nothing_and_a_second_channel_cannot_take_a_used_name()
    {
        var id = (long)(await (await Send("POST", "/api/v2/channels", Webhook)).JsonAsync())["id"]!;
        var before = Checksum();

        var badPut = await Send("PUT", $"/api/v2/channels/{id}", """{"name": "ops-webhook", "kind": "webhook", "url": "nope"}""");
        var sameName = await Send("POST", "/api/v2/channels", """{"name": "OPS-webhook", "kind": "slack", "url": "https://a.example/"}""");

        Assert.Equal(HttpStatusCode.BadRequest, badPut.StatusCode);
        Assert.True((await sameName.JsonAsync())["errors"]!.AsObject().ContainsKey("name"));
        Assert.Equal(before, Checksum());
    }

    [Fact]
    public async Task A_refused_secret_is_not_quoted_in_the_problem_nor_in_the_log()
    {
        var response = await Send("POST", "/api/v2/channels", """{"name": "x", "kind": "slack", "url": "https://a.example/", "secret": "s3cr3t-value-for-slack"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("s3cr3t-value-for-slack", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(App.Logs.Entries, e => e.Message.Contains("s3cr3t-value-for-slack"));
    }

    [Fact]
    public async Task A_test_message_is_accepted_with_202_and_queued_for_the_channel()
    {
        var id = (long)(await (await Send("POST", "/api/v2/channels", """{"name": "chat", "kind": "slack", "url": "http://127.0.0.1:9/hook"}""")).JsonAsync())["id"]!;

        var test = await Send("POST", $"/api/v2/channels/{id}/test");

        Assert.Equal(HttpStatusCode.Accepted, test.StatusCode);
        Assert.Equal($"http://localhost/api/v2/channels/{id}/attempts", test.Headers.Location!.ToString());
    }
}

public sealed class ChannelsApiTestsOnPostgres : ChannelsApiTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
