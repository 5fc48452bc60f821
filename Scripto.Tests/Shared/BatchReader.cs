using Scripto.Core.Changes;

namespace Scripto.Tests.Shared;

/// <summary>
/// Reads a subscription's batches in a test that waits for one naming a script. An async iterator allows one read at a
/// time and cannot be disposed while one is pending: a read that outlasts its wait stays pending here and is taken up by
/// the next call, and disposing cancels it first. So a slow machine fails such a test with its own message (or not at
/// all), never with the iterator's NotSupportedException.
/// </summary>
public sealed class BatchReader : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly IAsyncEnumerator<ChangeBatch> _batches;
    private Task<bool>? _pending;

    public BatchReader(ChangeSubscription subscription) =>
        _batches = subscription.ReadBatchesAsync(TimeSpan.Zero, _stop.Token).GetAsyncEnumerator();

    public ChangeBatch Current => _batches.Current;

    /// <summary>True when a batch came within <paramref name="wait"/>; false when none did (yet) or the feed ended.</summary>
    public async Task<bool> NextAsync(TimeSpan wait)
    {
        var read = _pending ??= _batches.MoveNextAsync().AsTask();
        if (await Task.WhenAny(read, Task.Delay(wait)) != read) return false;
        _pending = null;
        return await read;
    }

    /// <summary>Whether a batch naming <paramref name="scriptId"/> comes within <paramref name="wait"/>, skipping others.</summary>
    public async Task<bool> NamesAsync(long scriptId, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline)
            if (await NextAsync(deadline - DateTime.UtcNow) && Current.Changes.ContainsKey(scriptId)) return true;
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_pending is { } read) await read.ContinueWith(_ => { }, TaskScheduler.Default);
        await _batches.DisposeAsync();
        _stop.Dispose();
    }
}
