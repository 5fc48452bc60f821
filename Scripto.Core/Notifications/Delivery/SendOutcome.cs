namespace Scripto.Core.Notifications.Delivery;

/// <summary>
/// What came of one try at sending a message: delivered, worth retrying (after RetryAfter if the channel said), or
/// refused for good. <see cref="Answer"/>: what the other end said, as the log line quotes it ("HTTP 200",
/// "SMTP 250 to 2 recipients: 2.0.0 Ok: queued as 4C1F2").
/// </summary>
public sealed record SendOutcome(bool Delivered, bool Permanent, int? StatusCode, string? Error, TimeSpan? RetryAfter = null, string? Answer = null)
{
    public static SendOutcome Ok(int? status, string? answer = null) => new(true, false, status, null, Answer: answer);
    public static SendOutcome Retry(int? status, string error, TimeSpan? retryAfter = null) => new(false, false, status, error, retryAfter);
    public static SendOutcome Refused(int? status, string error) => new(false, true, status, error);
}
