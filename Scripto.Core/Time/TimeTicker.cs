using Scripto.Core.Changes;

namespace Scripto.Core.Time;

/// <summary>
/// Publishes "time passed" on the change feed at a steady pace, so that every dashboard re-reads what depends on
/// the clock ("4 min ago") without a timer of its own. Late, soon and down come on time from the TimeWorker.
/// </summary>
public sealed class TimeTicker : IDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    private readonly ITimer _timer;

    public TimeTicker(ScriptChangeFeed feed, TimeProvider clock, TimeSpan? interval = null)
    {
        var every = interval ?? DefaultInterval;
        _timer = clock.CreateTimer(_ => feed.PublishTimePassed(), null, every, every);
    }

    public void Dispose() => _timer.Dispose();
}
