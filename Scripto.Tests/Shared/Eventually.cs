namespace Scripto.Tests.Shared;

/// <summary>Waits for background work (the writer, the time worker) to show its effect, without a fixed sleep.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not true after {timeoutMs} ms: {what}");
            await Task.Delay(20);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 5000) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeoutMs);
}
