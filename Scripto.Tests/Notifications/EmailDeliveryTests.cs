using System.Net.Sockets;
using MailKit.Net.Smtp;
using MimeKit;
using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Email;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>Emails built and sent to a real SMTP server (aiosmtpd), then read back as delivered.</summary>
public sealed class EmailDeliveryTests
{
    private static readonly ChannelTarget Ops = new("email", null, ["ops@example.com", "Database Team <dba@example.com>"], null, null, null);

    [Fact]
    public async Task A_grouped_email_arrives_with_the_title_as_subject_both_parts_and_links_to_the_scripts()
    {
        using var smtp = await SmtpServer.StartAsync();
        await SmtpSender.SendAsync(Settings(smtp, "None"), EmailMessages.Build(Ops, SampleMessages.Down, "Scripto <scripto@example.com>"), CancellationToken.None);

        var mail = Assert.Single(smtp.Messages());
        Assert.Equal("[Scripto] 2 DOWN, 1 RESOLVED on db-1: backup.sh, vacuum.sh", mail.Subject);
        Assert.Equal("scripto@example.com", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal(["ops@example.com", "dba@example.com"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("ops@example.com, dba@example.com", mail.Headers["X-RcptTo"]);

        var text = mail.TextBody;
        Assert.NotNull(text);
        Assert.True(text.IndexOf("backup.sh", StringComparison.Ordinal) < text.IndexOf("vacuum.sh", StringComparison.Ordinal), "newest first");
        Assert.Contains("Reason: no report 20 min after due (02:30 Europe/Paris)", text);
        Assert.Contains("Down since: 2026-11-26 01:50 UTC", text);
        Assert.Contains("Last exit code: 3", text);
        Assert.Contains("Last output: ERROR: relation \"jobs\" does not exist", text);
        Assert.Contains("https://scripto.example/scripts/12", text);
        Assert.Contains("RESOLVED (1)", text);
        Assert.Contains("Down for: 1h 35m", text);

        var html = mail.HtmlBody;
        Assert.NotNull(html);
        Assert.Contains("<a href=\"https://scripto.example/scripts/12\"", html);
        Assert.Contains("<a href=\"https://scripto.example/scripts/13\"", html);
        Assert.Contains("ERROR: relation &quot;jobs&quot; does not exist", html);
        Assert.Contains("1h 35m", html);
    }

    [Fact]
    public async Task A_script_name_with_markup_shows_as_text_in_the_html_part()
    {
        using var smtp = await SmtpServer.StartAsync();
        var message = SampleMessages.Hostile("<img src=x onerror=alert(1)>", "<script>alert(2)</script> & done");
        await SmtpSender.SendAsync(Settings(smtp, null), EmailMessages.Build(Ops, message, "scripto@example.com"), CancellationToken.None);

        var mail = Assert.Single(smtp.Messages());
        Assert.Equal("[Scripto] DOWN: <img src=x onerror=alert(1)> on db-1", mail.Subject);
        Assert.DoesNotContain("<img", mail.HtmlBody);
        Assert.DoesNotContain("<script", mail.HtmlBody);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", mail.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt; &amp; done", mail.HtmlBody);
        Assert.Contains("<img src=x onerror=alert(1)>", mail.TextBody);
    }

    [Fact]
    public void Every_retry_of_a_message_carries_the_same_message_id()
    {
        var first = EmailMessages.Build(Ops, SampleMessages.Down, "scripto@example.com");
        var retry = EmailMessages.Build(Ops, SampleMessages.Down, "scripto@example.com");
        var other = EmailMessages.Build(Ops, SampleMessages.Resolved, "scripto@example.com");

        Assert.Equal(first.MessageId, retry.MessageId);
        Assert.NotEqual(first.MessageId, other.MessageId);
    }

    [Fact]
    public async Task Unset_security_upgrades_to_starttls_when_the_server_offers_it()
    {
        using var smtp = await SmtpServer.StartAsync(SmtpServer.Tls.StartTls);
        var handshakes = 0;
        await SmtpSender.SendAsync(Settings(smtp, null), EmailMessages.Build(Ops, SampleMessages.Down, "scripto@example.com"),
            (_, certificate, _, _) => { handshakes++; return smtp.Certificate!.Validates(certificate); }, CancellationToken.None);

        Assert.Equal(1, handshakes);
        Assert.Equal("[Scripto] 2 DOWN, 1 RESOLVED on db-1: backup.sh, vacuum.sh", Assert.Single(smtp.Messages()).Subject);
    }

    [Fact]
    public async Task Tls_security_speaks_tls_from_the_first_byte()
    {
        using var smtp = await SmtpServer.StartAsync(SmtpServer.Tls.Implicit);
        var handshakes = 0;
        await SmtpSender.SendAsync(Settings(smtp, "Tls"), EmailMessages.Build(Ops, SampleMessages.Test, "scripto@example.com"),
            (_, certificate, _, _) => { handshakes++; return smtp.Certificate!.Validates(certificate); }, CancellationToken.None);

        Assert.Equal(1, handshakes);
        Assert.Equal("[Scripto] TEST: ops", Assert.Single(smtp.Messages()).Subject);
    }

    [Fact]
    public async Task Starttls_required_fails_against_a_server_that_does_not_offer_it_and_sends_nothing()
    {
        using var smtp = await SmtpServer.StartAsync();
        await Assert.ThrowsAnyAsync<Exception>(() =>
            SmtpSender.SendAsync(Settings(smtp, "StartTls"), EmailMessages.Build(Ops, SampleMessages.Down, "scripto@example.com"), CancellationToken.None));

        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task With_a_user_set_it_logs_in_and_a_server_that_requires_login_takes_the_mail()
    {
        using var smtp = await SmtpServer.StartWithLoginAsync("scripto", "relay-pass-7Qx");

        await Assert.ThrowsAsync<MailKit.ServiceNotAuthenticatedException>(() =>
            SmtpSender.SendAsync(Settings(smtp, "None"), EmailMessages.Build(Ops, SampleMessages.Down, "scripto@example.com"), CancellationToken.None));
        Assert.Empty(smtp.Messages());

        await SmtpSender.SendAsync(new SmtpSettings { Host = "127.0.0.1", Port = smtp.Port, Security = "None", User = "scripto", Password = "relay-pass-7Qx" },
            EmailMessages.Build(Ops, SampleMessages.Down, "scripto@example.com"), CancellationToken.None);
        Assert.Equal("[Scripto] 2 DOWN, 1 RESOLVED on db-1: backup.sh, vacuum.sh", Assert.Single(smtp.Messages()).Subject);
    }

    [Fact]
    public async Task A_wrong_smtp_password_marks_the_email_channel_failing_with_the_servers_answer()
    {
        using var smtp = await SmtpServer.StartWithLoginAsync("scripto", "relay-pass-7Qx");
        await using var core = new NotifyCore(smtp: new SmtpSettings
        {
            Host = "127.0.0.1", Port = smtp.Port, Security = "None", From = "scripto@example.com", User = "scripto", Password = "wrong-password",
        });
        var channel = await core.ChannelAsync("""{"name": "mail", "kind": "email", "to": ["ops@example.com"]}""");

        Assert.True(await core.Channels.SendTestAsync(channel));
        await core.DispatchAsync();

        var state = (await core.Channels.GetAsync(channel))!;
        Assert.Equal(Scripto.Core.Notifications.Channels.ChannelStates.Failing, state.State);
        Assert.Contains("535", state.LastError);
        Assert.DoesNotContain("wrong-password", state.LastError);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task A_refused_recipient_throws_an_smtp_command_exception_with_the_status_code()
    {
        var modules = Directory.CreateTempSubdirectory("scripto-smtp-handler-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(modules, "refuser.py"), """
                class Refuse:
                    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                        return '550 5.1.1 No such user here'
                """);
            using var smtp = await SmtpServer.StartAsync(handler: "refuser.Refuse", modules: modules);

            var refusal = await Assert.ThrowsAsync<SmtpCommandException>(() =>
                SmtpSender.SendAsync(Settings(smtp, "None"), EmailMessages.Build(Ops, SampleMessages.Down, "scripto@example.com"), CancellationToken.None));

            Assert.Equal(SmtpStatusCode.MailboxUnavailable, refusal.StatusCode);
        }
        finally
        {
            Directory.Delete(modules, recursive: true);
        }
    }

    [Fact]
    public async Task Sending_to_a_port_where_no_server_listens_throws()
    {
        var settings = new SmtpSettings { Host = "127.0.0.1", Port = 9, Security = "None" };

        await Assert.ThrowsAsync<SocketException>(() =>
            SmtpSender.SendAsync(settings, EmailMessages.Build(Ops, SampleMessages.Down, "scripto@example.com"), CancellationToken.None));
    }

    [Fact]
    public void An_unknown_security_setting_is_refused_by_name()
    {
        var refusal = Assert.Throws<ArgumentException>(() => SmtpSecurity.Parse("ssl"));

        Assert.Contains("Notifications:Smtp:Security", refusal.Message);
        Assert.True(SmtpSecurity.IsValid("starttls"));
        Assert.False(SmtpSecurity.IsValid("ssl"));
    }

    private static SmtpSettings Settings(SmtpServer smtp, string? security) =>
        new() { Host = "127.0.0.1", Port = smtp.Port, Security = security };
}
