using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scripto.Core.Changes;
using Scripto.Core.Maintenance;
using Scripto.Core.Nodes;
using Scripto.Core.Persistence;
using Scripto.Core.Writing;

namespace Scripto.Core.Time;

/// <summary>
/// The one owner of the changes that time makes. It sleeps until the next indexed boundary (a script due, soon
/// or down), capped at a minute and woken by writes that may bring an earlier one; at a boundary it flips the
/// scripts whose grace ran out (through the writer, with a conditional update that cannot race a report) and
/// publishes the ones that just went late or soon, so every dashboard shows it at that second. A maintenance
/// window starting or ending is a boundary too: the writer then sets which scripts it covers (before the flips, so
/// a script that goes down as a window opens is held).
/// With several nodes only the leader does this; a follower waits for the leadership, and starts at once on gaining it.
/// </summary>
public sealed class TimeWorker(
    ScriptWriter writer,
    ScriptChangeFeed feed,
    IDbContextFactory<ScriptoDbContext> contexts,
    TimeProvider clock,
    ILogger<TimeWorker> log,
    NodeLeadership leadership,
    IChangeRelay? relay = null) : BackgroundService
{
    public static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan WakeCoalesce = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    private ChangeSubscription? _subscription;
    private DateTime _startedAt;
    private Task<bool>? _wrote; // the pending wake-up read; the loop's alone

    /// <summary>Subscribes and reads the clock at once: no write and no time after the start goes unseen.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(capacity: 16);
        _startedAt = clock.GetUtcNow().UtcDateTime;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var _ = _subscription!;
        var writes = _subscription!.ReadBatchesAsync(WakeCoalesce, stoppingToken).GetAsyncEnumerator(stoppingToken);
        _wrote = writes.MoveNextAsync().AsTask();
        try
        {
            await LoopAsync(writes, stoppingToken);
        }
        finally
        {
            // An async iterator cannot be disposed while a read is pending: let the cancelled read end first.
            await _wrote.ContinueWith(_ => { }, TaskScheduler.Default);
            await writes.DisposeAsync();
        }
    }

    private async Task LoopAsync(IAsyncEnumerator<ChangeBatch> writes, CancellationToken cancellationToken)
    {
        var checkedUntil = _startedAt;
        var first = true;
        var retry = FirstRetry;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!leadership.IsLeader)
                {
                    await leadership.WaitUntilLeaderAsync(cancellationToken);
                    // Another node did this work until now, or none did for a while (it died): flip every overdue
                    // script, as at a start, and announce again the crossings of the last minute at most (pages
                    // re-read them; twice does no harm, missed would leave a row stale until the next tick).
                    var since = clock.GetUtcNow().UtcDateTime - MaxSleep;
                    if (checkedUntil < since) checkedUntil = since;
                    first = true;
                }
                // Every wake covers all the time since the last one: a boundary that appeared and passed while
                // the worker slept (a report just before a jump of the clock) is not skipped.
                var now = clock.GetUtcNow().UtcDateTime;
                await CatchUpAsync(checkedUntil, now, flipAll: first, cancellationToken);
                checkedUntil = now;
                first = false;
                retry = FirstRetry;
                var next = await NextBoundaryAsync(now, cancellationToken);
                var wakeAt = now + (next is { } n && n - now < MaxSleep ? n - now : MaxSleep);
                var timer = Task.Delay(Positive(wakeAt - clock.GetUtcNow().UtcDateTime), clock, cancellationToken);
                // The clock may have moved on while the timer was armed (a test's fake clock jumps): look again.
                if (clock.GetUtcNow().UtcDateTime >= wakeAt) continue;
                if (await Task.WhenAny(timer, _wrote!) == _wrote)
                {
                    if (!await _wrote) return;
                    _wrote = writes.MoveNextAsync().AsTask();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // A bad row is set aside by the flip itself; what lands here fails the whole pass (the database
                // unreachable, say): wait longer each time, up to a minute. The writer says storage failures itself, once a minute.
                if (error is not Writing.StorageUnavailableException) log.LogError(error, "The time worker failed; retrying in {Retry}", retry);
                await Task.Delay(retry, clock, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                retry = retry * 2 < MaxSleep ? retry * 2 : MaxSleep;
            }
        }
    }

    /// <summary>
    /// Announces the scripts whose due, soon or down time passed in (from, now], and flips the ones whose grace ran
    /// out (all overdue ones on the first pass, for those that went down while Scripto was stopped).
    /// </summary>
    private async Task CatchUpAsync(DateTime from, DateTime now, bool flipAll, CancellationToken cancellationToken)
    {
        List<(long Id, bool Down)> crossed;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (flipAll || MaintenanceCalendar.NextBoundary(await OpenWindowsAsync(db, from, cancellationToken), from) <= now)
                await writer.ApplyMaintenanceAsync();
            crossed = (await db.Scripts
                .Where(s => !s.Paused && ((s.DueAt > from && s.DueAt <= now) || (s.SoonAt > from && s.SoonAt <= now) || (s.DownAt > from && s.DownAt <= now)))
                .Select(s => new { s.Id, Down = s.DownAt > from && s.DownAt <= now })
                .ToListAsync(cancellationToken))
                .Select(s => (s.Id, s.Down)).ToList();
        }
        if (flipAll || crossed.Any(s => s.Down))
        {
            int flipped;
            do
            {
                flipped = await writer.FlipOverdueAsync(now);
                if (flipped == 1) log.LogInformation("{Count} script went down: no report within grace", flipped);
                else if (flipped > 1) log.LogInformation("{Count} scripts went down: no report within grace", flipped);
            } while (flipped >= ScriptWriter.UpkeepBatch);
        }
        var announced = crossed.Select(s => new ScriptChange(s.Id, ScriptChangeKind.Updated)).ToList();
        feed.Publish(announced);
        if (announced.Count > 0) relay?.Relay(announced, alerts: false); // the other nodes' pages show it at that second too
    }

    private async Task<DateTime?> NextBoundaryAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var live = db.Scripts.Where(s => !s.Paused);
        var due = await live.Where(s => s.DueAt > now).MinAsync(s => s.DueAt, cancellationToken);
        var soon = await live.Where(s => s.SoonAt > now).MinAsync(s => s.SoonAt, cancellationToken);
        var down = await live.Where(s => s.DownAt > now).MinAsync(s => s.DownAt, cancellationToken);
        var window = MaintenanceCalendar.NextBoundary(await OpenWindowsAsync(db, now, cancellationToken), now);
        return new[] { due, soon, down, window }.Where(t => t is not null).Min();
    }

    private static Task<List<MaintenanceWindow>> OpenWindowsAsync(ScriptoDbContext db, DateTime at, CancellationToken cancellationToken) =>
        db.MaintenanceWindows.Where(w => (w.EndedAt == null || w.EndedAt > at) && (w.Cron != null || w.EndsAt > at)).ToListAsync(cancellationToken);

    private static TimeSpan Positive(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
