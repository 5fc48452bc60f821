using System.Text.Json;
using Scripto.Tests.Robustness;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>Scripto.Web.dll in its own process, SIGKILLed between a flip's commit and its delivery: the message still goes out, once.</summary>
public sealed class CrashDeliveryTests
{
    [Fact]
    public async Task A_sigkill_right_after_a_flip_is_acknowledged_still_delivers_its_message_after_restart_and_only_once()
    {
        var database = TempDatabase.NewPath();
        await using var receiver = await HttpReceiver.StartAsync();
        try
        {
            await using (var first = await ScriptoProcess.StartAsync(database, TimeSpan.FromSeconds(90)))
            {
                using var http = new HttpClient { BaseAddress = first.Address };
                // group_wait keeps the message from going out before the kill: only the outbox can carry it over.
                var channel = await http.SendRawAsync("POST", "/api/v2/channels",
                    $$"""{"name": "ops", "kind": "webhook", "url": "{{receiver.Url("hook")}}", "group_wait": "2s", "group_interval": "1m"}""");
                Assert.Equal(System.Net.HttpStatusCode.Created, channel.StatusCode);
                Assert.True((await http.SendRawAsync("POST", "/api/v2/ping/backup.sh?server=db-1", null)).IsSuccessStatusCode);
                var failed = await http.SendRawAsync("POST", "/api/v2/ping/backup.sh/fail?server=db-1", null);
                Assert.True(failed.IsSuccessStatusCode);
                first.Kill();
            }
            Assert.Empty(receiver.Requests);
            Assert.Equal(1L, DatabaseContents.Scalar($"Data Source={database}", "SELECT count(*) FROM alert_events"));

            await using (var second = await ScriptoProcess.StartAsync(database, TimeSpan.FromSeconds(90)))
            {
                await receiver.SingleAsync(timeoutMs: 20_000);
                // A repeat could only come from what is still queued: once nothing is, and the process is gone, none can.
                await Eventually.TrueAsync(() => Queued(database) == 0, "the delivered message left the outbox");
                second.Kill();
            }

            var request = Assert.Single(receiver.Requests);
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal("down", body.RootElement.GetProperty("event").GetString());
            Assert.Equal("backup.sh", body.RootElement.GetProperty("scripts")[0].GetProperty("name").GetString());
        }
        finally
        {
            TempDatabase.Delete(database);
        }
    }

    /// <summary>Alerts not yet planned into messages, and messages not yet delivered.</summary>
    private static long Queued(string database) =>
        (long)DatabaseContents.Scalar($"Data Source={database}", "SELECT (SELECT count(*) FROM alert_events) + (SELECT count(*) FROM notification_deliveries)")!;
}
