using MimeKit;
using Scripto.Core;
using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>Email through a real SMTP server (aiosmtpd) that goes away for a while: every message arrives once it is back.</summary>
public class EmailOutboxTests
{
    private readonly DatabaseProvider _provider;

    public EmailOutboxTests() : this(DatabaseProvider.Sqlite) { }

    protected EmailOutboxTests(DatabaseProvider provider) => _provider = provider;

    [Fact]
    public async Task Smtp_stopped_then_started_again_every_message_arrives()
    {
        var smtp = await SmtpServer.StartAsync();
        var port = smtp.Port;
        var folder = smtp.Folder;
        await using var core = new NotifyCore(smtp: new SmtpSettings { Host = "127.0.0.1", Port = port, Security = "None", From = "scripto@example.com" },
            provider: _provider);
        var channel = await core.ChannelAsync("""{"name": "mail", "kind": "email", "to": ["ops@example.com"], "group_wait": "0s", "group_interval": "1s"}""");
        await core.ReportAsync("backup.sh", "db-1", Signal.Success);
        await core.ReportAsync("backup.sh", "db-1", Signal.Failure);
        await core.PlanAsync();
        await core.DispatchAsync();
        Assert.Single(smtp.Messages());

        smtp.Stop();
        await core.ReportAsync("vacuum.sh", "db-2", Signal.Success);
        await core.ReportAsync("vacuum.sh", "db-2", Signal.Failure);
        await core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(2));
        await core.ReportAsync("backup.sh", "db-1", Signal.Success);
        await core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(2));
        await core.DispatchAsync();
        Assert.Equal([DeliveryOutcomes.Retrying, DeliveryOutcomes.Retrying, DeliveryOutcomes.Sent], (await core.Channels.AttemptsAsync(channel)).Select(a => a.Outcome));

        using var again = await SmtpServer.StartAsync(port: port, directory: folder);
        core.Clock.Advance(TimeSpan.FromMinutes(1));
        await core.DispatchAsync();

        var messages = again.Messages();
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Equal("ops@example.com", ((MailboxAddress)m.To.Single()).Address));
        Assert.Contains(messages, m => (m.TextBody ?? "").Contains("vacuum.sh"));
        Assert.Contains(messages, m => (m.TextBody ?? "").Contains("backup.sh") && (m.TextBody ?? "").Contains("https://scripto.example/scripts/"));
        Assert.Equal(0, core.Count("SELECT count(*) FROM notification_deliveries"));
    }
}

public sealed class EmailOutboxTestsOnPostgres() : EmailOutboxTests(DatabaseProvider.Postgres);
