using System.Net.Security;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Scripto.Core.Notifications.Email;

/// <summary>
/// Sends one email over SMTP with MailKit: one connection per message, TLS as configured, a login when a user is set.
/// Throws on any failure; a permanent refusal is an <see cref="SmtpCommandException"/> carrying its status code.
/// Returns the server's answer to the message ("2.0.0 Ok: queued as 4C1F2"), for the log.
/// </summary>
public static class SmtpSender
{
    /// <summary>Each network step (connect, TLS handshake, each command) gives up after this long.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task<string> SendAsync(SmtpSettings settings, MimeMessage mail, CancellationToken ct) => SendAsync(settings, mail, null, ct);

    /// <param name="certificateCheck">Only tests replace the system's certificate validation (a self-signed server).</param>
    internal static async Task<string> SendAsync(SmtpSettings settings, MimeMessage mail, RemoteCertificateValidationCallback? certificateCheck, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(settings.Host)) throw new InvalidOperationException("Notifications:Smtp:Host is not set.");
        var security = SmtpSecurity.Parse(settings.Security);
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        if (certificateCheck is not null) client.ServerCertificateValidationCallback = certificateCheck;
        await client.ConnectAsync(settings.Host, settings.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.User)) await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        var answer = await client.SendAsync(mail, ct);
        await client.DisconnectAsync(quit: true, ct);
        return answer;
    }
}
