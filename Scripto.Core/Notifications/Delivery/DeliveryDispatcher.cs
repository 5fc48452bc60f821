using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scripto.Core.Nodes;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Persistence;

namespace Scripto.Core.Notifications.Delivery;

/// <summary>
/// Sends the outbox of deliveries, off the report path. At least once: a delivery leaves the outbox only after
/// its channel took it (or after a day of retries); a process killed mid-send sends it again after restart, with
/// the same message id, so a receiver can drop the repeat. Each delivery is claimed with a conditional update,
/// so two processes never send the same one. A channel that refuses for good is marked failing, and its
/// deliveries wait until it is edited or tested.
/// </summary>
public sealed class DeliveryDispatcher(
    IDbContextFactory<ScriptoDbContext> contexts,
    DeliveryOutbox outbox,
    ChannelSender sender,
    NotificationMetrics metrics,
    TimeProvider clock,
    ILogger<DeliveryDispatcher> log,
    NodeLeadership leadership) : BackgroundService
{
    /// <summary>How long a claim holds: a process that dies mid-send leaves its deliveries to others after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(5);
    private const int Batch = 64;
    private const string TestEvent = "test";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await leadership.WaitUntilLeaderAsync(stoppingToken); // with several nodes, the leader alone sends
                // A full batch means more may be due at once; otherwise wait for news (or look again in a while).
                if (await DispatchDueAsync(stoppingToken) < Batch) await outbox.WaitAsync(LookEvery, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                log.LogError(error, "The notification dispatcher failed; retrying in a few seconds");
                await Task.Delay(LookEvery, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Sends what is due now, channels side by side, each channel's messages in order; how many were tried.</summary>
    internal async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<(Delivery Delivery, Channel Channel)> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = (await (from d in db.Deliveries
                          join c in db.Channels on d.ChannelId equals c.Id
                          where d.DueAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil <= now)
                                && (c.State == ChannelStates.Ok || d.Event == TestEvent)
                          orderby d.DueAt, d.Id
                          select new { d, c }).Take(Batch).ToListAsync(cancellationToken))
                .Select(x => (x.d, x.c)).ToList();
        }
        await Task.WhenAll(due.GroupBy(x => x.Channel.Id).Select(async channel =>
        {
            foreach (var (delivery, target) in channel)
                await SendOneAsync(delivery, target, cancellationToken);
        }));
        return due.Count;
    }

    private async Task SendOneAsync(Delivery delivery, Channel channel, CancellationToken cancellationToken)
    {
        var claimedAt = clock.GetUtcNow().UtcDateTime;
        var until = claimedAt + Lease;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var claimed = await db.Deliveries
                .Where(d => d.Id == delivery.Id && (d.ClaimedUntil == null || d.ClaimedUntil <= claimedAt))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntil, until), cancellationToken);
            if (claimed == 0) return; // another dispatcher has it
        }

        var message = DeliveryOutbox.Read(delivery);
        var outcome = await sender.SendAsync(channel, message, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = delivery.Attempts + 1;
        string result;
        DateTime? retryAt = null;
        if (outcome.Delivered) result = DeliveryOutcomes.Sent;
        else if (outcome.Permanent) result = DeliveryOutcomes.Failing;
        else if (delivery.Event == TestEvent) result = DeliveryOutcomes.Failed; // a test to a dead host must not retry for a day
        else
        {
            var at = now + DeliveryPolicy.Backoff(attempts, outcome.RetryAfter, Random.Shared.NextDouble());
            if (at > delivery.CreatedAt + DeliveryPolicy.GiveUpAfter) result = DeliveryOutcomes.Abandoned;
            else (result, retryAt) = (DeliveryOutcomes.Retrying, at);
        }
        await RecordAsync(delivery, channel, outcome, result, attempts, retryAt, until, now);
        metrics.Count(channel.Name, result);
        // One line per attempt (HttpClient's own lines are off in appsettings.json: they were four, and a Telegram URL holds its token).
        if (result != DeliveryOutcomes.Sent)
            log.LogWarning("Notification {MessageId} to channel {Channel}: {Outcome} ({Error})", delivery.MessageId, channel.Name, result, outcome.Error);
        else log.LogInformation("Notification {MessageId} to channel {Channel}: {Outcome} ({Answer})", delivery.MessageId, channel.Name, result, outcome.Answer);
    }

    /// <summary>The attempt, the delivery's fate and the channel's state, in one transaction; the log keeps the last 100 attempts.</summary>
    private async Task RecordAsync(Delivery delivery, Channel channel, SendOutcome outcome, string result, int attempts, DateTime? retryAt, DateTime claim, DateTime now)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.DeliveryAttempts.Add(new DeliveryAttempt
        {
            ChannelId = channel.Id, At = now, MessageId = delivery.MessageId, Event = delivery.Event, GroupKey = delivery.GroupKey,
            Outcome = result, StatusCode = outcome.StatusCode, Error = outcome.Error,
        });
        await db.SaveChangesAsync();
        var mine = db.Deliveries.Where(d => d.Id == delivery.Id && d.ClaimedUntil == claim);
        if (retryAt is { } at)
            await mine.ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAt, at).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.ClaimedUntil, (DateTime?)null));
        else if (result == DeliveryOutcomes.Failing && delivery.Event != TestEvent)
            // Kept, to go once the channel is edited or passes a test (a test itself is told once, in the log).
            await mine.ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, attempts).SetProperty(d => d.ClaimedUntil, (DateTime?)null));
        else
            await mine.ExecuteDeleteAsync();

        var channels = db.Channels.Where(c => c.Id == channel.Id);
        if (result == DeliveryOutcomes.Failing)
            await channels.ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ChannelStates.Failing).SetProperty(c => c.LastError, outcome.Error));
        else if (result == DeliveryOutcomes.Sent)
            // A good delivery clears the error of the retries before it (read from the row: the batch's copy may be stale).
            await channels.Where(c => c.State != ChannelStates.Ok || c.LastError != null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ChannelStates.Ok).SetProperty(c => c.LastError, (string?)null));
        else if (result is DeliveryOutcomes.Retrying or DeliveryOutcomes.Abandoned or DeliveryOutcomes.Failed)
            await channels.ExecuteUpdateAsync(s => s.SetProperty(c => c.LastError, outcome.Error));

        var keepFrom = await db.DeliveryAttempts.Where(a => a.ChannelId == channel.Id).OrderByDescending(a => a.Id)
            .Skip(DeliveryAttempt.KeepPerChannel).Select(a => (long?)a.Id).FirstOrDefaultAsync();
        if (keepFrom is { } oldest)
            await db.DeliveryAttempts.Where(a => a.ChannelId == channel.Id && a.Id <= oldest).ExecuteDeleteAsync();
        await transaction.CommitAsync();
    }
}
