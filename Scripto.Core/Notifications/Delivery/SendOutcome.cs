namespace Scripto.Core.Notifications.Delivery;

/// <summary>What came of one try at sending a message: delivered, worth retrying (after RetryAfter if the channel said), or refused for good.</summary>
public sealed record SendOutcome(bool Delivered, bool Permanent, int? StatusCode, string? Error, TimeSpan? RetryAfter = null)
{
    public static SendOutcome Ok(int? status) => new(true, false, status, null);
    public static SendOutcome Retry(int? status, string error, TimeSpan? retryAfter = null) => new(false, false, status, error, retryAfter);
    public static SendOutcome Refused(int? status, string error) => new(false, true, status, error);
}
