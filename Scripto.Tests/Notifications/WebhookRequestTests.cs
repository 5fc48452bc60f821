using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Formats;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>The webhook as a receiver sees it: the contract's body and Standard Webhooks headers, over real HTTP.</summary>
public sealed class WebhookRequestTests
{
    [Fact]
    public async Task A_webhook_posts_the_contract_body_with_the_standard_webhooks_headers()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var request = await SendAsync(receiver, new ChannelTarget("webhook", receiver.Url("hooks/scripto"), [], null, null, null), SampleMessages.Down);

        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/scripto", request.Path);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Equal("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", request.Header("webhook-id"));
        Assert.Equal(SampleMessages.Now.ToUnixTimeSeconds().ToString(), request.Header("webhook-timestamp"));
        Assert.Null(request.Header("webhook-signature"));

        using var json = JsonDocument.Parse(request.Body);
        var body = json.RootElement;
        Assert.Equal("down", body.GetProperty("event").GetString());
        Assert.Equal("ops", body.GetProperty("channel").GetString());
        Assert.Equal("server", body.GetProperty("group").GetProperty("by").GetString());
        Assert.Equal("db-1", body.GetProperty("group").GetProperty("key").GetString());
        Assert.Equal("2026-11-26T01:50:30Z", body.GetProperty("sent_at").GetString());
        // Newest first: backup.sh went down at 01:50, vacuum.sh at 01:48.
        Assert.Equal(["backup.sh", "vacuum.sh"], body.GetProperty("scripts").EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        var backup = body.GetProperty("scripts")[0];
        Assert.Equal(12, backup.GetProperty("id").GetInt64());
        Assert.Equal("db-1", backup.GetProperty("server").GetString());
        Assert.Equal("down", backup.GetProperty("status").GetString());
        Assert.Equal("no report 20 min after due (02:30 Europe/Paris)", backup.GetProperty("reason").GetString());
        Assert.Equal("2026-11-26T01:50:00Z", backup.GetProperty("since").GetString());
        Assert.Equal("2026-11-25T01:30:04Z", backup.GetProperty("last_run").GetString());
        Assert.Equal(0, backup.GetProperty("last_exit_code").GetInt32());
        Assert.Equal("done", backup.GetProperty("last_output_line").GetString());
        Assert.Equal("https://scripto.example/scripts/12", backup.GetProperty("url").GetString());
        Assert.False(backup.TryGetProperty("down_for_seconds", out _));

        var rotate = Assert.Single(body.GetProperty("resolved").EnumerateArray());
        Assert.Equal("rotate-logs", rotate.GetProperty("name").GetString());
        Assert.Equal(5700, rotate.GetProperty("down_for_seconds").GetInt64());
    }

    [Fact]
    public async Task The_signature_verifies_with_the_whsec_secret_as_the_spec_computes_it()
    {
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        await using var receiver = await HttpReceiver.StartAsync();
        var request = await SendAsync(receiver, new ChannelTarget("webhook", receiver.Url("hook"), [], secret, null, null), SampleMessages.Down);

        // Independently of Scripto's code: key = base64 after "whsec_"; signed = id.timestamp.body (the raw bytes).
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{request.Header("webhook-id")}.{request.Header("webhook-timestamp")}.").Concat(request.Body).ToArray();
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        Assert.Equal(expected, request.Header("webhook-signature"));
    }

    [Fact]
    public void The_signature_matches_the_published_standard_webhooks_test_vector()
    {
        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
            Encoding.UTF8.GetBytes("{\"test\": 2432232314}"));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public async Task A_secret_without_the_whsec_prefix_signs_with_its_utf8_bytes()
    {
        const string secret = "correct horse battery staple é";
        await using var receiver = await HttpReceiver.StartAsync();
        var request = await SendAsync(receiver, new ChannelTarget("webhook", receiver.Url("hook"), [], secret, null, null), SampleMessages.Down);

        var signed = Encoding.UTF8.GetBytes($"{request.Header("webhook-id")}.{request.Header("webhook-timestamp")}.").Concat(request.Body).ToArray();
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        Assert.Equal(expected, request.Header("webhook-signature"));
    }

    [Fact]
    public void A_retry_keeps_the_webhook_id_and_signs_its_new_timestamp()
    {
        var target = new ChannelTarget("webhook", "http://127.0.0.1:9/hook", [], "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", null, null);
        using var first = ChannelRequests.Build(target, SampleMessages.Down, SampleMessages.Now);
        using var retry = ChannelRequests.Build(target, SampleMessages.Down, SampleMessages.Now.AddMinutes(5));

        Assert.Equal(first.Headers.GetValues("webhook-id"), retry.Headers.GetValues("webhook-id"));
        Assert.NotEqual(first.Headers.GetValues("webhook-timestamp"), retry.Headers.GetValues("webhook-timestamp"));
        Assert.NotEqual(first.Headers.GetValues("webhook-signature"), retry.Headers.GetValues("webhook-signature"));
    }

    [Fact]
    public async Task Markup_in_a_script_name_arrives_as_the_same_text_in_valid_json()
    {
        const string name = "</script><b>\"evil\"</b>\n\\";
        await using var receiver = await HttpReceiver.StartAsync();
        var request = await SendAsync(receiver, new ChannelTarget("webhook", receiver.Url("hook"), [], null, null, null),
            SampleMessages.Hostile(name, "{\"injected\": true}"));

        using var json = JsonDocument.Parse(request.Body);
        var script = Assert.Single(json.RootElement.GetProperty("scripts").EnumerateArray());
        Assert.Equal(name, script.GetProperty("name").GetString());
        Assert.Equal("{\"injected\": true}", script.GetProperty("last_output_line").GetString());
    }

    internal static async Task<ReceivedRequest> SendAsync(HttpReceiver receiver, ChannelTarget target, NotificationMessage message)
    {
        using var client = new HttpClient();
        using var request = ChannelRequests.Build(target, message, SampleMessages.Now);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await receiver.SingleAsync();
    }
}
