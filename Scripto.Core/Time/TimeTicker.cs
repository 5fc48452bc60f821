using Microsoft.Extensions.Hosting;
using Scripto.Core.Changes;

namespace Scripto.Core.Time;

/// <summary>
/// Publishes "time passed" on the change feed every 30 s, so that every dashboard re-reads what depends on the
/// clock ("4 min ago") without a timer of its own. Late, soon and down come on time from the TimeWorker.
/// </summary>
public sealed class TimeTicker(ScriptChangeFeed feed, TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private PeriodicTimer? _timer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(Interval, clock); // armed now: time that passes from the start counts
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = _timer!;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                feed.PublishTimePassed();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
