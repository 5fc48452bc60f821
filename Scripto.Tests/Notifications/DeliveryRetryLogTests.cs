using Microsoft.Extensions.Logging;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>
/// A receiver that is down is told in Scripto's own line per attempt, as shipped (appsettings.json's log levels): not
/// in the resilience library's, which wrote a warning and an error with a whole stack trace per quick retry (36 KB
/// for a minute's outage) and an information line per good send.
/// </summary>
public sealed class DeliveryRetryLogTests : ApiTest
{
    [Fact]
    public async Task A_receiver_that_is_down_is_told_in_one_warning_line_without_the_library_s_stack_traces()
    {
        var closed = $"http://127.0.0.1:{UnusedPort.Next()}/hook";
        var created = await Client.SendRawAsync("POST", "/api/v2/channels", $$"""{"name": "down-hook", "kind": "webhook", "url": "{{closed}}"}""");
        var id = (long)(await created.JsonAsync())["id"]!;

        await Client.SendRawAsync("POST", $"/api/v2/channels/{id}/test", null);
        await Eventually.TrueAsync(() => App.Logs.Entries.Any(e => e.Message.Contains("to channel down-hook")), "the attempt's line");

        var line = App.Logs.Entries.First(e => e.Message.Contains("to channel down-hook"));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.True(line.Message.Contains("refused", StringComparison.OrdinalIgnoreCase), line.Message); // what went wrong, in one line
        Assert.DoesNotContain(App.Logs.Entries, e => e.Category.StartsWith("Polly", StringComparison.Ordinal));
    }
}
