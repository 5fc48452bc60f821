using MimeKit;
using Scripto.Core.Notifications.Formats;

namespace Scripto.Core.Notifications.Email;

/// <summary>One email per message (so one per group): the shared title as subject, an HTML part and a plain-text part.</summary>
public static class EmailMessages
{
    /// <param name="from">Notifications:Smtp:From, "scripto@example.com" or "Scripto &lt;scripto@example.com&gt;".</param>
    public static MimeMessage Build(ChannelTarget target, NotificationMessage message, string from)
    {
        if (target.To.Count == 0) throw new ArgumentException("An email channel needs at least one recipient.", nameof(target));
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(from));
        foreach (var to in target.To) mail.To.Add(MailboxAddress.Parse(to));
        mail.Subject = MessageText.OneLine(MessageText.Title(message));
        mail.Date = new DateTimeOffset(MessageText.Utc(message.SentAt));
        // The same Message-Id on every retry lets a mail system drop a repeat, as the webhook-id does for a receiver.
        mail.MessageId = $"{MessageIdPart(message.Id)}@scripto.notifications";
        mail.Body = new BodyBuilder { TextBody = EmailText.Render(message), HtmlBody = EmailHtml.Render(message) }.ToMessageBody();
        return mail;
    }

    private static string MessageIdPart(string id) =>
        string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
}
