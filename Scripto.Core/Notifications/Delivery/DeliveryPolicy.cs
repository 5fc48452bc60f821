namespace Scripto.Core.Notifications.Delivery;

/// <summary>When a delivery that failed is tried again: exponential backoff with jitter, for up to a day.</summary>
public static class DeliveryPolicy
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    /// <summary>How long to wait after the <paramref name="attempts"/>th failed attempt (1 for the first); at least what the channel asked.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan? retryAfter, double jitter)
    {
        var exponential = FirstRetry * Math.Pow(2, Math.Min(attempts - 1, 16));
        var delay = TimeSpan.FromTicks(Math.Min(exponential.Ticks, MaxBackoff.Ticks));
        delay *= 0.8 + 0.4 * jitter; // spread retries so that many deliveries do not come back at once
        return retryAfter is { } asked && asked > delay ? TimeSpan.FromTicks(Math.Min(asked.Ticks, GiveUpAfter.Ticks)) : delay;
    }
}
