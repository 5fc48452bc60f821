namespace Scripto.Core.Writing;

/// <summary>
/// The database cannot take writes for a reason outside Scripto (a full disk, a deleted file): nothing of the change
/// was acknowledged. Answered as 503 with Retry-After, not as a fault of Scripto's.
/// </summary>
public sealed class StorageUnavailableException(string title, string detail, TimeSpan retryAfter, Exception? inner = null)
    : Exception($"{title}: {detail}", inner)
{
    public string Title => title;
    public string Detail => detail;
    public TimeSpan RetryAfter => retryAfter;
}
