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
        Assert.EndsWith("to channel ops-hook: sent", line.Message);
    }
}
