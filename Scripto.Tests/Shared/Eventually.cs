namespace Scripto.Tests.Shared;

/// <summary>
/// Waits for background work (the writer, the time worker) to show its effect, without a fixed sleep. The default
/// wait is generous: it costs only a test that fails, and the full suite runs on two loaded cores.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutMs = 15000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not true after {timeoutMs} ms: {what}");
            await Task.Delay(20);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 15000) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeoutMs);
}
