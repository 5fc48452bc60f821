using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scripto.Core.Notifications;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>Each chat service's request, as a local stand-in for the service receives it.</summary>
public sealed class ChatRequestTests : IAsyncLifetime
{
    private HttpReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await HttpReceiver.StartAsync();
    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Slack_gets_the_title_as_text_and_an_attachment_listing_the_down_scripts_newest_first()
    {
        var request = await SendAsync("slack", "services/T000/B000/XXXX", SampleMessages.Down);
        var body = Json(request);

        Assert.Equal("/services/T000/B000/XXXX", request.Path);
        Assert.Equal("[Scripto] 2 DOWN, 1 RESOLVED on db-1: backup.sh, vacuum.sh", body["text"]!.GetValue<string>());
        var down = body["attachments"]![0]!;
        Assert.Equal("#d32f2f", down["color"]!.GetValue<string>());
        var text = down["text"]!.GetValue<string>();
        Assert.Contains("• <https://scripto.example/scripts/12|backup.sh> on db-1", text);
        Assert.True(text.IndexOf("backup.sh", StringComparison.Ordinal) < text.IndexOf("vacuum.sh", StringComparison.Ordinal), "newest first");
        Assert.Contains("Reason: no report 20 min after due (02:30 Europe/Paris)", text);
        Assert.Contains("Last exit code: 3", text);
        Assert.Contains("Last output: ERROR: relation \"jobs\" does not exist", text);
        var resolved = body["attachments"]![1]!;
        Assert.Equal("#2e7d32", resolved["color"]!.GetValue<string>());
        Assert.Contains("Down for: 1h 35m", resolved["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_silent_server_in_Slack_is_one_post_naming_the_server_with_its_affected_scripts_listed_within_the_limits()
    {
        var silent = SampleMessages.Many(300) with { Event = NotificationEvent.Silent, Server = "db-1", Resolved = [] };

        var body = Json(await SendAsync("slack", "services/T000/B000/XXXX", silent));

        Assert.Equal("[Scripto] SILENT: db-1 (300 scripts affected)", body["text"]!.GetValue<string>());
        var affected = body["attachments"]![0]!;
        Assert.StartsWith("db-1 is silent: 300 scripts affected.", affected["text"]!.GetValue<string>());
        Assert.StartsWith("Affected (", affected["title"]!.GetValue<string>());
        Assert.Contains("more in Scripto.", body["attachments"]!.AsArray().Last()!["text"]!.GetValue<string>()); // cut, and says so
    }

    [Fact]
    public async Task Slack_text_from_a_script_cannot_mention_or_link()
    {
        var request = await SendAsync("slack", "hook", SampleMessages.Hostile("<!channel> @here [x](http://evil.example)", "<@U123> & done"));
        var sent = Json(request).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        // Ordinal: a culture-aware comparison would skip the word joiner that is the point.
        Assert.DoesNotContain("<!channel>", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U123>", sent, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", sent, StringComparison.Ordinal);
        Assert.Contains("&lt;@\u2060U123&gt; &amp; done", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("](http://evil", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_gets_a_message_with_one_adaptive_card_whose_texts_are_never_read_as_markdown()
    {
        const string name = "**bold** [x](http://evil.example)";
        var request = await SendAsync("teams", "workflows/abc/invoke", SampleMessages.Hostile(name, "_done_"));
        var body = Json(request);

        Assert.Equal("message", body["type"]!.GetValue<string>());
        var attachment = body["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.4", card["version"]!.GetValue<string>());
        var runs = Descendants(card).Where(n => n["type"]?.GetValue<string>() == "TextRun").ToList();
        Assert.Equal($"[Scripto] DOWN: {name} on db-1", runs[0]["text"]!.GetValue<string>());
        var scriptName = Assert.Single(runs, r => r["text"]!.GetValue<string>() == name);
        Assert.Equal("https://scripto.example/scripts/12", scriptName["selectAction"]!["url"]!.GetValue<string>());
        Assert.Contains(runs, r => r["text"]!.GetValue<string>() == "_done_");
        Assert.DoesNotContain(Descendants(card), n => n["type"]?.GetValue<string>() == "TextBlock");
        Assert.Equal("https://scripto.example/scripts/12", card["actions"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discord_gets_content_and_an_embed_and_no_one_can_be_pinged()
    {
        var request = await SendAsync("discord", "api/webhooks/1/abc", SampleMessages.Down);
        var body = Json(request);

        Assert.Equal("\\[Scripto\\] 2 DOWN, 1 RESOLVED on db-1: backup.sh, vacuum.sh", body["content"]!.GetValue<string>());
        Assert.Empty(body["allowed_mentions"]!["parse"]!.AsArray());
        var embed = body["embeds"]![0]!;
        Assert.Equal(0xD32F2F, embed["color"]!.GetValue<int>());
        var description = embed["description"]!.GetValue<string>();
        Assert.Contains("**[backup.sh](https://scripto.example/scripts/12)** on db-1", description);
        Assert.True(description.IndexOf("backup", StringComparison.Ordinal) < description.IndexOf("vacuum", StringComparison.Ordinal), "newest first");
        Assert.Contains("**Resolved**", description);
        Assert.Contains("Down for: 1h 35m", description);
    }

    [Fact]
    public async Task Discord_markdown_from_a_script_is_escaped()
    {
        var request = await SendAsync("discord", "hook", SampleMessages.Hostile("@everyone **x** [a](http://evil.example)", "`rm -rf`"));
        var description = Json(request)["embeds"]![0]!["description"]!.GetValue<string>();

        Assert.Contains("\\@everyone \\*\\*x\\*\\* \\[a\\]\\(http://evil.example\\)", description);
        Assert.Contains("\\`rm -rf\\`", description);
    }

    [Fact]
    public async Task Discord_stays_within_its_length_limits_on_a_bad_night()
    {
        var request = await SendAsync("discord", "hook", SampleMessages.Many(200));
        var body = Json(request);
        var embed = body["embeds"]![0]!;
        var title = embed["title"]!.GetValue<string>();
        var description = embed["description"]!.GetValue<string>();

        Assert.True(body["content"]!.GetValue<string>().Length <= 2000);
        Assert.True(title.Length <= 256);
        Assert.True(description.Length <= 4096, $"description of {description.Length} characters");
        Assert.True(title.Length + description.Length <= 6000);
        Assert.Contains("job-200.sh", description); // the newest
        Assert.Matches(@"… and \d+ more in Scripto\.", description);
    }

    [Fact]
    public async Task Ntfy_gets_a_plain_text_publish_to_the_topic_with_title_priority_tags_and_click()
    {
        var request = await SendAsync("ntfy", "scripto-alerts", SampleMessages.Down, token: "tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2");

        Assert.Equal("POST", request.Method);
        Assert.Equal("/scripto-alerts", request.Path);
        Assert.StartsWith("text/plain", request.Header("Content-Type"));
        Assert.Equal("[Scripto] 2 DOWN, 1 RESOLVED on db-1: backup.sh, vacuum.sh", request.Header("Title"));
        Assert.Equal("4", request.Header("Priority"));
        Assert.Equal("rotating_light,scripto", request.Header("Tags"));
        Assert.Equal("https://scripto.example/scripts/12", request.Header("Click"));
        Assert.Equal("Bearer tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2", request.Header("Authorization"));
        Assert.StartsWith("2 scripts are down on db-1.\n\nbackup.sh on db-1: no report 20 min after due", request.Text);
        Assert.Contains("https://scripto.example/scripts/13", request.Text);
    }

    [Fact]
    public async Task Ntfy_gets_a_non_ascii_title_rfc_2047_encoded()
    {
        var request = await SendAsync("ntfy", "topic", SampleMessages.Down with { Scripts = [SampleMessages.Backup with { Name = "sauvegarde-été.sh" }] });

        var title = request.Header("Title")!;
        Assert.Matches(@"^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$", title);
        Assert.Equal("[Scripto] 1 DOWN, 1 RESOLVED on db-1: sauvegarde-été.sh", Encoding.UTF8.GetString(Convert.FromBase64String(title[10..^2])));
    }

    [Fact]
    public async Task Gotify_gets_a_message_posted_with_the_application_token_title_and_priority()
    {
        var request = await SendAsync("gotify", "gotify/", SampleMessages.Down, token: "AzyoeNS.D4iJLVa");
        var body = Json(request);

        Assert.Equal("/gotify/message", request.Path);
        Assert.Equal("", request.Query);
        Assert.Equal("AzyoeNS.D4iJLVa", request.Header("X-Gotify-Key"));
        Assert.Equal("[Scripto] 2 DOWN, 1 RESOLVED on db-1: backup.sh, vacuum.sh", body["title"]!.GetValue<string>());
        Assert.Equal(8, body["priority"]!.GetValue<int>());
        Assert.StartsWith("2 scripts are down on db-1.", body["message"]!.GetValue<string>());
        Assert.Equal("text/plain", body["extras"]!["client::display"]!["contentType"]!.GetValue<string>());
        Assert.Equal("https://scripto.example/scripts/12", body["extras"]!["client::notification"]!["click"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Telegram_gets_send_message_with_the_chat_and_html_text()
    {
        var request = await SendAsync("telegram", "", SampleMessages.Down, token: "123456:ABC-DEF", chat: "-1001234567890");
        var body = Json(request);

        Assert.Equal("/bot123456:ABC-DEF/sendMessage", request.Path);
        Assert.Equal("-1001234567890", body["chat_id"]!.GetValue<string>());
        Assert.Equal("HTML", body["parse_mode"]!.GetValue<string>());
        var text = body["text"]!.GetValue<string>();
        Assert.StartsWith("<b>[Scripto] 2 DOWN, 1 RESOLVED on db-1: backup.sh, vacuum.sh</b>\n2 scripts are down on db-1.", text);
        Assert.Contains("<a href=\"https://scripto.example/scripts/12\"><b>backup.sh</b></a> on db-1", text);
        Assert.Contains("Last output: ERROR: relation &quot;jobs&quot; does not exist", text);
    }

    [Fact]
    public async Task Telegram_html_from_a_script_is_escaped_and_the_text_fits_its_limit()
    {
        var hostile = await SendAsync("telegram", "", SampleMessages.Hostile("<b>x</b> & <a href='y'>", "</a>"), token: "1:A", chat: "42");
        var text = Json(hostile)["text"]!.GetValue<string>();
        Assert.Contains("&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href='y'&gt;", text);
        Assert.Contains("Last output: &lt;/a&gt;", text);

        await _receiver.DisposeAsync();
        _receiver = await HttpReceiver.StartAsync();
        var many = await SendAsync("telegram", "", SampleMessages.Many(200), token: "1:A", chat: "42");
        var long_ = Json(many)["text"]!.GetValue<string>();
        Assert.True(long_.Length <= 4096, $"{long_.Length} characters");
        Assert.Contains("… and ", long_);
    }

    private async Task<ReceivedRequest> SendAsync(string kind, string path, NotificationMessage message, string? token = null, string? chat = null) =>
        await WebhookRequestTests.SendAsync(_receiver, new ChannelTarget(kind, _receiver.Url(path), [], null, token, chat), message);

    private static JsonNode Json(ReceivedRequest request) => JsonNode.Parse(request.Body)!;

    private static IEnumerable<JsonObject> Descendants(JsonNode node)
    {
        if (node is JsonObject o)
        {
            yield return o;
            foreach (var (_, child) in o)
                if (child is not null)
                    foreach (var d in Descendants(child)) yield return d;
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
                if (child is not null)
                    foreach (var d in Descendants(child)) yield return d;
        }
    }
}
