using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scripto.Core.Nodes;
using Scripto.Core.Notifications.Alerts;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Notifications.Grouping;
using Scripto.Core.Persistence;

namespace Scripto.Core.Notifications.Planning;

/// <summary>
/// Turns the writer's alert events into messages, off the report path: each event goes to the groups of the
/// channels that take its script (unless the script flaps), groups speak when their time comes (GroupRules), and
/// each message becomes a delivery. The events consumed, the groups' new state and the deliveries are committed in
/// one transaction: a crash before it redoes the pass, a crash after it repeats nothing.
/// </summary>
public sealed class NotificationPlanner(
    IDbContextFactory<ScriptoDbContext> contexts,
    AlertSignal alerts,
    DeliveryOutbox outbox,
    NotificationOptions options,
    PublicAddress address,
    TimeProvider clock,
    ILogger<NotificationPlanner> log,
    NodeLeadership leadership) : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(1);
    private const int Batch = 5000;

    /// <summary>The flap states as the last committed pass left them (<see cref="FlapMemory"/>).</summary>
    private readonly FlapMemory _flaps = new();

    /// <summary>
    /// Passes follow wakes at most this often (real time, not the clock's: it spares the CPU, it is no rule of the
    /// domain). The writer wakes the planner after every batch with alert events; under a burst of flips that was a
    /// pass of a dozen queries per batch, a fifth of the server's CPU. A wake meanwhile is kept, not lost.
    /// 250 ms rather than 100: each pass's commit empties the writer's page cache on SQLite (another connection
    /// committed), which the writer then reads again from the file; four passes a second instead of eight halve that
    /// (bench/README.md, "Ninth pass"). A notification waits at most 150 ms more, against group waits of seconds.
    /// </summary>
    internal static readonly TimeSpan MinPassGap = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastPass = 0L;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await leadership.WaitUntilLeaderAsync(stoppingToken); // with several nodes, the leader alone plans
                var (next, more) = await PlanAsync(stoppingToken);
                lastPass = Stopwatch.GetTimestamp();
                if (more) continue;
                var now = clock.GetUtcNow().UtcDateTime;
                var sleep = next is { } at && at - now < MaxSleep ? at - now : MaxSleep;
                var woken = await alerts.WaitAsync(sleep, clock, stoppingToken);
                if (woken && MinPassGap - Stopwatch.GetElapsedTime(lastPass) is { Ticks: > 0 } rest)
                    await Task.Delay(rest, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DbUpdateException deleted) when (deleted.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 787 }
                or Npgsql.PostgresException { SqlState: "23503" }) // a foreign key's row is gone
            {
                // A channel was deleted while this pass planned messages for it: nothing was committed; plan again without it.
                log.LogInformation("A channel was deleted during a planning pass; planning again");
            }
            catch (Exception error)
            {
                log.LogError(error, "Planning notifications failed; retrying in a few seconds");
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One pass: when to look next, and whether events were left for another pass at once.</summary>
    internal async Task<(DateTime? Next, bool More)> PlanAsync(CancellationToken cancellationToken)
    {
        // What this node keeps of the flap states holds while it plans alone: always on SQLite, on PostgreSQL while it
        // leads (a new term: another node may have planned meanwhile). A pass that does not commit forgets them all.
        var leading = leadership.IsLeader;
        var term = leadership.Term;
        try
        {
            var (next, more, committed) = await PassAsync(term, cancellationToken);
            if (!committed || !leading) _flaps.Forget();
            return (next, more);
        }
        catch
        {
            _flaps.Forget();
            throw;
        }
    }

    private async Task<(DateTime? Next, bool More, bool Committed)> PassAsync(long term, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Everything is read and decided outside a transaction, so that the writer is never held back by a pass:
        // only the planner changes groups and consumes events, and the writer only adds events after those read.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;

        var channels = await db.Channels.AsNoTracking().ToListAsync(cancellationToken);
        var facts = new ScriptFacts(db, address, now);
        var events = await db.AlertEvents.AsNoTracking().OrderBy(e => e.Id).Take(Batch).ToListAsync(cancellationToken);
        var scriptIds = events.Select(e => e.ScriptId).Distinct().ToArray();
        var pass = new Pass(db, options, facts, now, channels, await db.AlertGroups.ToListAsync(cancellationToken),
            events.Where(e => !e.Anomaly).Select(e => e.ScriptId).ToHashSet());
        // No channel, no message: then no script is read at all; else the pass's scripts are read in one query.
        if (channels.Count > 0) await facts.LoadAsync(scriptIds, cancellationToken);
        // The states of the pass's scripts, and of the flapping ones that have settled (to tell it), from memory where known.
        var flaps = await _flaps.ForPassAsync(db, scriptIds, now, term, cancellationToken);
        // Of the other flapping scripts only when the first of them settles matters: the next pass's time.
        var next = _flaps.FirstSettlingOutside(flaps);
        var stored = flaps.Keys.ToHashSet();
        var changed = new HashSet<long>();

        var consumed = new List<long>();
        foreach (var script in events.GroupBy(e => e.ScriptId))
        {
            var queue = script.ToList();
            for (var i = 0; i < queue.Count; i++)
            {
                var change = queue[i];
                if (change.Anomaly)
                {
                    // Not a change of state: no flapping to count, no hold to wait for.
                    consumed.Add(change.Id);
                    await pass.AnomalyAsync(change, cancellationToken);
                    continue;
                }
                if (change is { HoldUntil: { } hold } && hold > now)
                {
                    // Held by Scripto's own outage (a down) or a maintenance window (a down or a recovery): the
                    // opposite change meanwhile cancels it, unheard (down and back within the window); else it waits.
                    var undone = queue.FindIndex(i + 1, e => e.Down != change.Down && !e.Anomaly);
                    if (undone < 0)
                    {
                        next = Earliest(next, hold);
                        break;
                    }
                    consumed.AddRange(queue.Skip(i).Take(undone - i + 1).Select(e => e.Id));
                    i = undone;
                    continue;
                }
                consumed.Add(change.Id);
                if (!flaps.TryGetValue(change.ScriptId, out var flap))
                    flaps[change.ScriptId] = flap = new FlapState { ScriptId = change.ScriptId };
                changed.Add(change.ScriptId);
                switch (FlapRules.Change(flap, change, options.FlapLimit))
                {
                    case FlapStep.Announce: await pass.ApplyAsync(change, cancellationToken); break;
                    case FlapStep.StartsFlapping: await pass.TellFlappingAsync(change.ScriptId, cancellationToken); break;
                }
            }
        }

        var forgotten = new List<long>();
        foreach (var flap in flaps.Values)
        {
            if (FlapRules.Settled(flap, now))
            {
                flap.Flapping = false;
                flap.Changes = [];
                changed.Add(flap.ScriptId);
                await pass.TellSettledAsync(flap, cancellationToken);
            }
            if (flap.Flapping) next = Earliest(next, flap.LastChangeAt + FlapState.Window);
            else if (!FlapRules.Worth(flap, now) && stored.Contains(flap.ScriptId))
            {
                forgotten.Add(flap.ScriptId);
                changed.Remove(flap.ScriptId);
            }
        }
        next = Earliest(next, await pass.FlushDueAsync(cancellationToken));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One statement each, whatever the count: one array parameter (SQLite's json_each, PostgreSQL's = ANY).
        var ids = consumed.ToArray();
        var deleted = ids.Length == 0 ? 0 : await db.AlertEvents.Where(e => EF.Parameter(ids).Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        if (deleted != consumed.Count)
        {
            // Another process consumed some of them first: leave it all to it, and look again.
            await transaction.RollbackAsync(cancellationToken);
            return (now, true, false);
        }
        var stale = forgotten.ToArray();
        if (stale.Length > 0)
            await db.FlapStates.Where(f => EF.Parameter(stale).Contains(f.ScriptId)).ExecuteDeleteAsync(cancellationToken);
        // Read untracked, written back only where they changed, and not through EF's change tracking (FlapStore).
        var written = changed.Select(id => flaps[id]).ToList();
        await FlapStore.WriteAsync(db, written, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _flaps.Committed(written, forgotten);
        if (pass.Messages > 0) outbox.Wake();
        return (next, consumed.Count > 0 && events.Count == Batch, true);
    }

    /// <summary>
    /// Every flapping script's state, through the partial index <see cref="FlapStateConfiguration.FlappingIndex"/>: read
    /// when the planner's memory of them is filled (<see cref="FlapMemory"/>), not every pass.
    /// </summary>
    internal static IQueryable<FlapState> Flapping(ScriptoDbContext db) => db.FlapStates.AsNoTracking().Where(f => f.Flapping);

    private static DateTime? Earliest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>One planning pass's channels, groups and messages.</summary>
    private sealed class Pass(ScriptoDbContext db, NotificationOptions options, ScriptFacts facts, DateTime now, List<Channel> channels, List<AlertGroup> groups,
        HashSet<long> pending)
    {
        /// <summary>The scripts announced down now and not waiting for an event of this pass, read once per pass when a group forms.</summary>
        private ILookup<string, Scripts.Script>? _alreadyDown;

        public int Messages { get; private set; }

        public async Task ApplyAsync(AlertEvent change, CancellationToken cancellationToken)
        {
            if (!change.Down)
            {
                foreach (var group in groups) GroupRules.Up(group, change.ScriptId, change.At);
                return;
            }
            if (await TakenAsync(change.ScriptId, cancellationToken) is not { } script) return;
            foreach (var channel in channels.Where(c => ChannelScope.Takes(c, script)))
            {
                var key = ChannelScope.GroupKey(channel, script);
                var forming = !groups.Exists(g => g.ChannelId == channel.Id && g.Key == key);
                var group = GroupOf(channel, key);
                // The group forms when its first script went down: a pass that comes late (after a restart) does not delay it.
                GroupRules.Down(group, channel, new GroupMember(script.Id, script.Name, script.Server, change.At, change.Reason), change.At);
                if (forming) await JoinAlreadyDownAsync(group, channel, cancellationToken);
            }
        }

        /// <summary>
        /// A group that forms lists, with the script that formed it, the others of its key that are down now: a
        /// channel added (or widened) while they were down never heard of them, and its message says every script of
        /// the group down now. Not those flapping (silent until stable), in a maintenance window (told when it ends)
        /// or with an event in this pass (it tells them itself). Each keeps the time and reason it went down with.
        /// </summary>
        private async Task JoinAlreadyDownAsync(AlertGroup group, Channel channel, CancellationToken cancellationToken)
        {
            if (_alreadyDown is null)
            {
                var flapping = (await NotificationPlanner.Flapping(db).Select(f => f.ScriptId).ToListAsync(cancellationToken)).ToHashSet();
                // Only the columns a channel's scope, a group's key and a member need: a burst may hold thousands.
                var down = await db.Scripts.AsNoTracking().Where(s => s.Alerting && (s.MaintenanceUntil == null || s.MaintenanceUntil <= now))
                    .Select(s => new { s.Id, s.Name, s.Server, s.Tags, s.DownAt, s.LastExec }).ToListAsync(cancellationToken);
                _alreadyDown = down.Where(s => !pending.Contains(s.Id) && !flapping.Contains(s.Id))
                    .Select(s => new Scripts.Script { Id = s.Id, Name = s.Name, Server = s.Server, Tags = s.Tags, DownAt = s.DownAt, LastExec = s.LastExec })
                    .ToLookup(s => s.Server, StringComparer.Ordinal);
            }
            if (_alreadyDown.Count == 0) return;
            // By server, a burst of groups forming costs each a look at its own server's scripts only.
            var candidates = channel.GroupBy == ChannelRules.GroupByServer ? _alreadyDown[group.Key] : _alreadyDown.SelectMany(s => s);
            var joining = candidates.Where(s => ChannelScope.Takes(channel, s) && ChannelScope.GroupKey(channel, s) == group.Key).ToList();
            if (joining.Count == 0) return;
            // What other channels' groups already hold, looked up once: a wide outage may join thousands to one group.
            var held = new Dictionary<long, GroupMember>();
            foreach (var member in groups.SelectMany(g => g.Members.Down)) held.TryAdd(member.ScriptId, member);
            foreach (var script in joining)
            {
                var (since, reason) = held.TryGetValue(script.Id, out var told) ? (told.Since, told.Reason) : await WentDownAsync(script, cancellationToken);
                GroupRules.Down(group, channel, new GroupMember(script.Id, script.Name, script.Server, since, reason), now);
            }
        }

        /// <summary>When and why a script went down, from its last flip to failed or down (none left: its due time, "down").</summary>
        private async Task<(DateTime Since, string Reason)> WentDownAsync(Scripts.Script script, CancellationToken cancellationToken)
        {
            var flip = await db.Flips.AsNoTracking().Where(f => f.ScriptId == script.Id && (f.To == Scripts.FlipState.Failed || f.To == Scripts.FlipState.Down))
                .OrderByDescending(f => f.Id).FirstOrDefaultAsync(cancellationToken);
            return flip is not null ? (flip.At, flip.Reason) : (script.DownAt ?? script.LastExec ?? now, "down");
        }

        /// <summary>An anomalous run, to the groups of the channels that take the script and announce anomalies.</summary>
        public async Task AnomalyAsync(AlertEvent change, CancellationToken cancellationToken)
        {
            if (await TakenAsync(change.ScriptId, cancellationToken) is not { } script) return;
            foreach (var channel in channels.Where(c => c.Anomalies && ChannelScope.Takes(c, script)))
                GroupRules.Anomaly(GroupOf(channel, ChannelScope.GroupKey(channel, script)), channel,
                    new GroupMember(script.Id, script.Name, script.Server, change.At, change.Reason), change.At);
        }

        /// <summary>
        /// One "flapping" message to each channel that takes the script; then silence for it. Its changes are no longer
        /// told, but it stays in its groups, listed with the reason it flaps, so that every later message of the group
        /// (another script down, a reminder) still shows it among what is not fine, and the group is not told all clear
        /// while it flaps; its settling replaces it with where it ended (<see cref="TellSettledAsync"/>).
        /// </summary>
        public async Task TellFlappingAsync(long scriptId, CancellationToken cancellationToken)
        {
            if (await TakenAsync(scriptId, cancellationToken) is not { } script) return;
            var reason = $"flapping: more than {options.FlapLimit} status changes in an hour; silent until it is stable for an hour";
            foreach (var channel in channels.Where(c => ChannelScope.Takes(c, script)))
            {
                var group = GroupOf(channel, ChannelScope.GroupKey(channel, script));
                var members = group.Members;
                var was = members.Down.Find(m => m.ScriptId == script.Id);
                members.Down.RemoveAll(m => m.ScriptId == script.Id);
                members.Recovered.RemoveAll(m => m.ScriptId == script.Id); // its recovery is no news while it flaps
                var member = new GroupMember(script.Id, script.Name, script.Server, was?.Since ?? now, reason, Announced: true, Flapping: true);
                members.Down.Add(member);
                group.Members = members;
                group.FlushAt ??= now + channel.GroupInterval;
                group.LastSentAt = now;
                await AddAsync(channel, group.Key, NotificationEvent.Flapping, [member with { Since = now }], [], cancellationToken);
            }
        }

        /// <summary>A script stable for an hour after flapping: one message with where it ended, and its groups set to match.</summary>
        public async Task TellSettledAsync(FlapState flap, CancellationToken cancellationToken)
        {
            if (await TakenAsync(flap.ScriptId, cancellationToken) is not { } script) return;
            foreach (var channel in channels.Where(c => ChannelScope.Takes(c, script)))
            {
                var group = GroupOf(channel, ChannelScope.GroupKey(channel, script));
                var members = group.Members;
                var was = members.Down.Find(m => m.ScriptId == script.Id);
                members.Down.RemoveAll(m => m.ScriptId == script.Id);
                var member = new GroupMember(script.Id, script.Name, script.Server, was?.Since ?? flap.LastChangeAt,
                    $"stopped flapping: {(flap.Down ? "down" : "up")} since {flap.LastChangeAt:yyyy-MM-dd HH:mm:ss} UTC ({flap.Reason})", Announced: true,
                    RecoveredAt: flap.Down ? null : flap.LastChangeAt);
                if (flap.Down) members.Down.Add(member);
                group.Members = members;
                if (flap.Down) group.FlushAt ??= now + channel.GroupInterval;
                await AddAsync(channel, group.Key, flap.Down ? NotificationEvent.Down : NotificationEvent.Resolved,
                    flap.Down ? [member] : [], flap.Down ? [] : [member], cancellationToken);
            }
        }

        /// <summary>Lets every group whose time has come speak; the next time one is due.</summary>
        public async Task<DateTime?> FlushDueAsync(CancellationToken cancellationToken)
        {
            DateTime? next = null;
            await facts.LoadAsync(groups.Where(g => g.FlushAt <= now).SelectMany(g => g.Members.Down.Select(m => m.ScriptId)).ToHashSet(), cancellationToken);
            foreach (var group in groups.ToList())
            {
                if (channels.Find(c => c.Id == group.ChannelId) is not { } channel) continue; // deleted: cascaded
                if (group.FlushAt is { } at && at <= now)
                {
                    var inMaintenance = new HashSet<long>();
                    foreach (var member in group.Members.Down.ToList())
                        if (await facts.ScriptAsync(member.ScriptId, cancellationToken) is not { } script)
                        {
                            if (member.Flapping) GroupRules.Forget(group, member.ScriptId); // deleted while flapping: never told
                            else GroupRules.Up(group, member.ScriptId, now); // deleted while down: nothing left to wait for
                        }
                        else if (script.MaintenanceUntil > now)
                            inMaintenance.Add(script.Id);
                    // Whether a server is silent is read from its scripts as stored, when the group speaks.
                    var members = group.Members;
                    var servers = new Dictionary<string, IReadOnlyList<Scripts.Script>>(StringComparer.Ordinal);
                    foreach (var server in members.Down.Select(m => m.Server).Concat(members.Silent.Select(s => s.Server)).Distinct(StringComparer.Ordinal))
                        servers[server] = await facts.ServerAsync(server, cancellationToken);
                    foreach (var message in GroupRules.Flush(group, channel, now, server => servers[server], inMaintenance.Contains))
                        await AddAsync(channel, group.Key, message.Event, message.Down, message.Resolved, cancellationToken, message.Server, message.Heartbeat);
                }
                if (group.FlushAt is null && GroupRules.IsEmpty(group))
                {
                    if (db.Entry(group).State == EntityState.Added) db.Entry(group).State = EntityState.Detached;
                    else db.AlertGroups.Remove(group);
                    groups.Remove(group);
                }
                else if (group.FlushAt is { } flushAt) next = next is null || flushAt < next ? flushAt : next;
            }
            return next;
        }

        /// <summary>The script, as stored, when a channel might take it; null when none could (no channel: no script read).</summary>
        private async Task<Scripts.Script?> TakenAsync(long scriptId, CancellationToken cancellationToken) =>
            channels.Count == 0 ? null : await facts.ScriptAsync(scriptId, cancellationToken);

        private AlertGroup GroupOf(Channel channel, string key)
        {
            if (groups.Find(g => g.ChannelId == channel.Id && g.Key == key) is { } group) return group;
            group = new AlertGroup { ChannelId = channel.Id, Key = key };
            groups.Add(group);
            db.AlertGroups.Add(group);
            return group;
        }

        private async Task AddAsync(Channel channel, string key, NotificationEvent kind, IReadOnlyList<GroupMember> down, IReadOnlyList<GroupMember> resolved,
            CancellationToken cancellationToken, string? server = null, string? heartbeat = null)
        {
            var scripts = new List<NotifiedScript>();
            foreach (var member in down) scripts.Add(await facts.DescribeAsync(member, resolved: false, cancellationToken));
            var recovered = new List<NotifiedScript>();
            foreach (var member in resolved) recovered.Add(await facts.DescribeAsync(member, resolved: true, cancellationToken));
            var message = new NotificationMessage(DeliveryOutbox.NewMessageId(), kind, channel.Name, channel.GroupBy, key, scripts, recovered, now, server, heartbeat);
            DeliveryOutbox.Add(db, channel, message, now);
            Messages++;
        }
    }
}
