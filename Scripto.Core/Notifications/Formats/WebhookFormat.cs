using System.Globalization;

namespace Scripto.Core.Notifications.Formats;

/// <summary>The contract's webhook: its JSON body with the Standard Webhooks headers, signed when the channel has a secret.</summary>
internal static class WebhookFormat
{
    public static HttpRequestMessage Build(ChannelTarget target, NotificationMessage message, DateTimeOffset now)
    {
        var body = WebhookBody.Serialize(message);
        var timestamp = now.ToUnixTimeSeconds();
        var request = JsonRequest.Post(ChannelRequests.Url(target), body);
        request.Headers.Add("webhook-id", message.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(target.Secret))
            request.Headers.Add("webhook-signature", WebhookSignature.Sign(target.Secret, message.Id, timestamp, body));
        return request;
    }
}
