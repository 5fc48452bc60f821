using System.Net;
using MailKit.Net.Smtp;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Notifications.Email;
using Scripto.Core.Notifications.Formats;

namespace Scripto.Core.Notifications.Delivery;

/// <summary>
/// Sends one message to one channel with the formatters and classifies what happened: a 4xx other than 408/429
/// (a bad URL, a revoked token) or a permanent SMTP refusal is for good; anything else is worth retrying.
/// </summary>
public sealed class ChannelSender(IHttpClientFactory http, NotificationOptions options, TimeProvider clock)
{
    public const string HttpClientName = "notifications";

    public async Task<SendOutcome> SendAsync(Channel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return channel.Kind == ChannelKinds.Email
                ? await SendEmailAsync(channel, message, cancellationToken)
                : await SendHttpAsync(channel, message, cancellationToken);
        }
        catch (ArgumentException unusable)
        {
            // The channel cannot be formatted as it stands (a kind or field it lacks): only an edit helps.
            return SendOutcome.Refused(null, unusable.Message);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            // Refused connections, timeouts, TLS failures: the channel may be back later.
            return SendOutcome.Retry(null, Describe(error));
        }
    }

    private async Task<SendOutcome> SendHttpAsync(Channel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        using var request = ChannelRequests.Build(channel.Target, message, clock.GetUtcNow());
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode) return SendOutcome.Ok(status, $"HTTP {status}");
        var error = $"{status} {response.ReasonPhrase}".TrimEnd();
        if (status is >= 400 and < 500 and not 408 and not 429) return SendOutcome.Refused(status, error);
        return SendOutcome.Retry(status, error, RetryAfter(response));
    }

    private async Task<SendOutcome> SendEmailAsync(Channel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Smtp;
        if (!smtp.IsSet) return SendOutcome.Refused(null, SmtpSettings.Missing);
        var mail = EmailMessages.Build(channel.Target, message, smtp.From!);
        try
        {
            var answer = MessageText.Clip(MessageText.OneLine(await SmtpSender.SendAsync(smtp, mail, cancellationToken)).Trim(), 200);
            var recipients = mail.To.Mailboxes.Count();
            // The count, not the addresses; nothing of the settings (the password least of all).
            return SendOutcome.Ok(250, $"SMTP 250 to {recipients} recipient{(recipients == 1 ? "" : "s")}{(answer.Length > 0 ? ": " + answer : "")}");
        }
        catch (MailKit.Security.AuthenticationException refused)
        {
            // Wrong user or password: retrying changes nothing until the settings do.
            return SendOutcome.Refused(535, $"SMTP 535: login refused ({refused.Message})");
        }
        catch (MailKit.ServiceNotAuthenticatedException refused)
        {
            return SendOutcome.Refused(530, $"SMTP 530: the server requires a login ({refused.Message}): set Notifications:Smtp:User and Password");
        }
        catch (SmtpCommandException refused) when ((int)refused.StatusCode >= 500)
        {
            return SendOutcome.Refused((int)refused.StatusCode, $"SMTP {(int)refused.StatusCode}: {refused.Message}");
        }
        catch (SmtpCommandException busy)
        {
            return SendOutcome.Retry((int)busy.StatusCode, $"SMTP {(int)busy.StatusCode}: {busy.Message}");
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow(),
        _ => null,
    };

    private static string Describe(Exception error)
    {
        var inner = error;
        while (inner.InnerException is not null && inner is HttpRequestException or TaskCanceledException) inner = inner.InnerException;
        var text = inner is TimeoutException or TaskCanceledException or OperationCanceledException ? "timed out" : inner.Message;
        return text.Length <= 500 ? text : text[..500];
    }
}
