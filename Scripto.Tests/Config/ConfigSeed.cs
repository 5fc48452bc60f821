using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core.Maintenance;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;
using Scripto.Core.Writing;

namespace Scripto.Tests.Config;

/// <summary>An install with one of everything a configuration file holds, and the HTTP lines to export and apply one.</summary>
public static class ConfigSeed
{
    public static async Task SeedAsync(HttpClient client, IServiceProvider services)
    {
        string[] pings =
        [
            "/api/v2/ping/backup.sh?server=db-1&cron=30+2+*+*+*&tz=Europe/Paris&grace=20m&tags=db,nightly&max_runtime=30m&min_runtime=1m&failures=3&recoveries=2",
            "/api/v2/ping/rotate.sh?server=web-1&schedule=daily",
            "/api/v2/ping/sync?server=web-1&schedule=15m&grace=5m",
            "/api/v2/ping/alive?server=db-1&schedule=5m&heartbeat=1",
            "/api/v2/ping/adhoc?schedule=none",
        ];
        foreach (var ping in pings) Assert.True((await client.PostAsync(ping, null)).IsSuccessStatusCode, ping);
        var paused = await services.GetRequiredService<ScriptWriter>().CreateAsync(new ScriptChanges
        {
            Name = "report.py", Server = "web-1", Schedule = Schedule.Every(Periodicity.Weekly), Paused = true, Tags = new(true, ["reports"]),
        });
        Assert.Equal(WriteOutcome.Created, paused.Outcome);
        var channels = services.GetRequiredService<ChannelService>();
        foreach (var input in new[]
        {
            new ChannelInput { Name = "ops-webhook", Kind = "webhook", Url = "https://hooks.example/scripto", Secret = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=", Servers = ["db-1"] },
            new ChannelInput { Name = "ops-mail", Kind = "email", To = ["ops@example.com"], Tags = ["db"], GroupBy = "tag", RepeatInterval = "off", Anomalies = true },
        })
        {
            var made = await channels.CreateAsync(input);
            Assert.True(made.Channel is not null, string.Join("; ", made.Errors ?? []));
        }
        await services.GetRequiredService<StatusPages>().SaveAsync(null, new StatusPageInput("acme", "Acme", ["db"], ["web-1"]));
        var windows = services.GetRequiredService<MaintenanceService>();
        var admin = new MaintenanceRequester("ops", Admin: true);
        foreach (var input in new[]
        {
            new MaintenanceInput { Tags = ["db"], Cron = "0 2 * * *", TimeZone = "Europe/Paris", Duration = "2h", Reason = "vacuum" },
            new MaintenanceInput { Servers = ["web-1"], From = "2017-08-03T08:00:00Z", Until = "2017-08-03T10:00:00Z", Reason = "kernel upgrade" },
        })
        {
            var made = await windows.CreateAsync(input, admin);
            Assert.True(made.Window is not null, string.Join("; ", made.Errors ?? []));
        }
    }

    public static async Task<string> ExportAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v2/config");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string text, string query = "", string type = "application/yaml") =>
        client.PostAsync("/api/v2/config" + query, new StringContent(text, Encoding.UTF8, type));
}
