using Microsoft.Extensions.Logging;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>
/// The app as shipped (appsettings.json's log levels) logs one line per delivered message, naming the channel, and
/// none of HttpClient's own four (whose URL, for Telegram, holds the bot's token).
/// </summary>
public sealed class DeliveryLogTests : ApiTest
{
    [Fact]
    public async Task A_delivered_test_message_is_one_information_line()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var created = await Client.SendRawAsync("POST", "/api/v2/channels", $$"""{"name": "ops-hook", "kind": "webhook", "url": "{{receiver.Url("hook")}}"}""");
        var id = (long)(await created.JsonAsync())["id"]!;

        (await Client.SendRawAsync("POST", $"/api/v2/channels/{id}/test", null)).EnsureSuccessStatusCode();
        await receiver.SingleAsync();
        await Eventually.TrueAsync(() => App.Logs.Entries.Any(e => e.Message.Contains("to channel ops-hook")), "the delivery's line");

        var lines = App.Logs.Entries.Where(e => e.Message.Contains("to channel ops-hook") || e.Category.StartsWith("System.Net.Http", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.EndsWith("to channel ops-hook: sent (HTTP 200)", line.Message);
    }

    [Fact]
    public async Task A_delivered_email_is_one_information_line_with_its_recipients_count_and_the_smtp_answer_never_the_password()
    {
        using var smtp = await SmtpServer.StartWithLoginAsync("scripto", "relay-pass-7Qx");
        await using var app = new ScriptoFactory();
        app.Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        app.Settings["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Notifications:Smtp:Security"] = "None";
        app.Settings["Notifications:Smtp:User"] = "scripto";
        app.Settings["Notifications:Smtp:Password"] = "relay-pass-7Qx";
        app.Settings["Notifications:Smtp:From"] = "scripto@example.com";
        using var client = app.CreateClient();
        var created = await client.SendRawAsync("POST", "/api/v2/channels", """{"name": "ops-mail", "kind": "email", "to": ["ops@example.com", "dba@example.com"]}""");
        var id = (long)(await created.JsonAsync())["id"]!;

        (await client.SendRawAsync("POST", $"/api/v2/channels/{id}/test", null)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => app.Logs.Entries.Any(e => e.Message.Contains("to channel ops-mail")), "the delivery's line");

        Assert.Single(smtp.Messages());
        var line = Assert.Single(app.Logs.Entries, e => e.Message.Contains("to channel ops-mail"));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Matches("to channel ops-mail: sent \\(SMTP 250 to 2 recipients: .+\\)$", line.Message);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains("relay-pass-7Qx"));
    }
}
