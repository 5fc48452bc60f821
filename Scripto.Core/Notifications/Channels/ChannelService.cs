using Microsoft.EntityFrameworkCore;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;

namespace Scripto.Core.Notifications.Channels;

public enum ChannelOutcome { Created, Updated, NotFound, Invalid }

/// <summary>The answer to a channel change: the channel as shown back, or what was wrong (nothing written).</summary>
public sealed record ChannelResult(ChannelOutcome Outcome, ChannelView? Channel = null, IReadOnlyList<FieldError>? Errors = null);

/// <summary>
/// Channels as the API and the Notifications page manage them: the same validation for both, secrets never shown
/// back, each channel's state and delivery log.
/// </summary>
public sealed class ChannelService(IDbContextFactory<ScriptoDbContext> contexts, DeliveryOutbox outbox, TimeProvider clock, NotificationOptions options)
{
    public async Task<IReadOnlyList<ChannelView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Channels.OrderBy(c => c.Name).ToListAsync(cancellationToken)).Select(c => ChannelView.From(c, options.Smtp)).ToList();
    }

    public async Task<ChannelView?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Channels.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } channel ? ChannelView.From(channel, options.Smtp) : null;
    }

    public async Task<ChannelResult> CreateAsync(ChannelInput input, CancellationToken cancellationToken = default)
    {
        var (channel, errors) = ChannelRules.Validate(input);
        if (channel is null) return new(ChannelOutcome.Invalid, Errors: errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await TakenByAsync(db, channel.Name, exceptId: 0, cancellationToken) is { } other) return NameTaken(channel.Name, other);
        channel.CreatedAt = channel.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        db.Channels.Add(channel);
        await db.SaveChangesAsync(cancellationToken);
        return new(ChannelOutcome.Created, ChannelView.From(channel, options.Smtp));
    }

    /// <summary>Replaces a channel (a secret left out is kept); an edit also gives a failing channel its chance again.</summary>
    public async Task<ChannelResult> UpdateAsync(long id, ChannelInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Channels.AsTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } existing)
            return new(ChannelOutcome.NotFound);
        var (channel, errors) = ChannelRules.Validate(input, existing);
        if (channel is null) return new(ChannelOutcome.Invalid, Errors: errors);
        if (await TakenByAsync(db, channel.Name, exceptId: id, cancellationToken) is { } other) return NameTaken(channel.Name, other);
        channel.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        db.Entry(existing).CurrentValues.SetValues(channel);
        existing.To = channel.To;
        existing.Servers = channel.Servers;
        existing.Names = channel.Names;
        existing.Tags = channel.Tags;
        await db.SaveChangesAsync(cancellationToken);
        outbox.Wake(); // deliveries held while it was failing may go now
        return new(ChannelOutcome.Updated, ChannelView.From(existing, options.Smtp));
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Channels.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Queues a test message to the channel, sent at once even if the channel is failing; false when there is no such channel.</summary>
    public async Task<bool> SendTestAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Channels.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } channel) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new NotificationMessage(DeliveryOutbox.NewMessageId(), NotificationEvent.Test, channel.Name,
            channel.GroupBy, "test", [], [], now);
        DeliveryOutbox.Add(db, channel, message, now);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return true;
    }

    /// <summary>The channel's last 100 delivery attempts, newest first.</summary>
    public async Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DeliveryAttempts.Where(a => a.ChannelId == id).OrderByDescending(a => a.Id)
            .Take(DeliveryAttempt.KeepPerChannel).ToListAsync(cancellationToken);
    }

    /// <summary>What waits in the outboxes: alert events not yet grouped, and messages not yet delivered.</summary>
    public async Task<long> OutboxPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AlertEvents.LongCountAsync(cancellationToken) + await db.Deliveries.LongCountAsync(cancellationToken);
    }

    /// <summary>The name of the other channel that holds <paramref name="name"/> (names are unique whatever their case), if one does.</summary>
    private static Task<string?> TakenByAsync(ScriptoDbContext db, string name, long exceptId, CancellationToken cancellationToken) =>
        db.Channels.Where(c => c.Name == name && c.Id != exceptId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Names the channel that holds the name as it is spelt there, and says why when only the case differs.</summary>
    private static ChannelResult NameTaken(string name, string other) =>
        new(ChannelOutcome.Invalid, Errors: [new("name", other == name
            ? $"is already used by another channel ('{other}')"
            : $"'{name}' is already used by another channel, '{other}': channel names are the same whatever their case")]);
}
