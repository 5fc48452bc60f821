using Microsoft.EntityFrameworkCore;
using Scripto.Core.Changes;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;
using System.Linq.Expressions;

namespace Scripto.Core.Reading;

/// <summary>
/// The dashboard's counters kept up to date instead of counted. It holds each script's status as last read, with the
/// time that status next changes by the clock alone (the first of its due, soon and down times and its maintenance
/// window's end still ahead: the rule compares the clock with nothing else). A count re-reads, by id, only the
/// scripts the feed named since the last one and those whose time came, and adds up what it holds: at 100,000 scripts
/// a few primary-key lookups instead of the rule computed on every row (60-80 ms of CPU). Every write to a script
/// goes through the writer, which publishes it after its commit; the time worker's flips too. Told that changes may
/// have been missed (another node's), or should a read fail, it reads the whole table again at the next count.
/// SQLite only: on PostgreSQL the nodes' changes are relayed and can be lost while a node does not hear them, so
/// there the dashboard counts (<see cref="CountAsync"/> answers null).
/// </summary>
public sealed class StatusTally : IChangeWatcher
{
    /// <summary>More scripts named than this share of the table (an import, a maintenance window over most): one read of the table instead.</summary>
    private const int ReloadShare = 4;

    /// <summary>Ids per statement when re-reading the named scripts.</summary>
    private const int Chunk = 2000;

    private readonly IDbContextFactory<ScriptoDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _turn = new(1, 1); // one count at a time: the held statuses are its alone
    private readonly Lock _gate = new(); // the ids the feed named, written by publishers
    private HashSet<long> _named = [];
    private bool _reload = true;
    private bool? _kept; // null until the first count finds the provider

    private readonly Dictionary<long, Held> _held = [];
    private readonly PriorityQueue<long, long> _turnsAt = new(); // id by the tick its status next turns (stale entries are skipped)
    private readonly int[] _counts = new int[Enum.GetValues<ScriptStatus>().Max(s => (int)s) + 1];

    private readonly record struct Held(ScriptStatus Status, long TurnsAt);

    /// <summary>One script as the tally reads it: its status at the read's time and the times that status may turn at.</summary>
    private sealed record Read(long Id, ScriptStatus Status, DateTime? DueAt, DateTime? SoonAt, DateTime? DownAt, DateTime? MaintenanceUntil);

    public StatusTally(IDbContextFactory<ScriptoDbContext> contexts, TimeProvider clock, ScriptChangeFeed feed)
    {
        _contexts = contexts;
        _clock = clock;
        feed.Watch(this);
    }

    public void Changed(IReadOnlyList<ScriptChange> changes)
    {
        lock (_gate)
            foreach (var change in changes)
                _named.Add(change.ScriptId);
    }

    public void EverythingChanged()
    {
        lock (_gate) _reload = true;
    }

    /// <summary>
    /// How many scripts are in each status now, indexed by <see cref="ScriptStatus"/>; null where the counts are not
    /// kept (PostgreSQL). Not cancelled with a caller: the next count would otherwise start over from the whole table.
    /// </summary>
    public async Task<int[]?> CountAsync()
    {
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_kept == false) return null;
            var now = _clock.GetUtcNow().UtcDateTime;
            await using var db = await _contexts.CreateDbContextAsync().ConfigureAwait(false);
            _kept ??= !db.Database.IsNpgsql();
            if (_kept == false) return null;
            HashSet<long> named;
            bool reload;
            lock (_gate)
            {
                (named, _named, reload, _reload) = (_named, [], _reload, false);
            }
            try
            {
                if (reload || named.Count > _held.Count / ReloadShare + Chunk)
                    await ReloadAsync(db, now).ConfigureAwait(false);
                else
                    await CatchUpAsync(db, now, named).ConfigureAwait(false);
            }
            catch
            {
                lock (_gate) _reload = true; // what was held is no longer known to be right
                throw;
            }
            return (int[])_counts.Clone();
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task ReloadAsync(ScriptoDbContext db, DateTime now)
    {
        _held.Clear();
        _turnsAt.Clear();
        Array.Clear(_counts);
        await foreach (var read in db.Scripts.AsNoTracking().Select(Projection(now)).AsAsyncEnumerable().ConfigureAwait(false))
            Hold(read, now);
    }

    private async Task CatchUpAsync(ScriptoDbContext db, DateTime now, HashSet<long> named)
    {
        while (_turnsAt.TryPeek(out var id, out var at) && at <= now.Ticks)
        {
            _turnsAt.Dequeue();
            if (_held.TryGetValue(id, out var held) && held.TurnsAt == at) named.Add(id);
        }
        if (named.Count == 0) return;
        var projection = Projection(now);
        foreach (var chunk in named.Chunk(Chunk))
        {
            var found = await db.Scripts.AsNoTracking().Where(s => chunk.Contains(s.Id)).Select(projection)
                .ToDictionaryAsync(r => r.Id).ConfigureAwait(false);
            foreach (var id in chunk)
            {
                if (_held.Remove(id, out var was)) _counts[(int)was.Status]--;
                if (found.TryGetValue(id, out var read)) Hold(read, now); // absent: deleted
            }
        }
        if (_turnsAt.Count > 2 * _held.Count + 1024) Reindex();
    }

    private void Hold(Read read, DateTime now)
    {
        var turnsAt = long.MaxValue;
        foreach (var at in (ReadOnlySpan<DateTime?>)[read.DueAt, read.SoonAt, read.DownAt, read.MaintenanceUntil])
            if (at is { } t && t.Ticks > now.Ticks && t.Ticks < turnsAt) turnsAt = t.Ticks;
        _held[read.Id] = new Held(read.Status, turnsAt);
        _counts[(int)read.Status]++;
        if (turnsAt != long.MaxValue) _turnsAt.Enqueue(read.Id, turnsAt);
    }

    /// <summary>The queue of turns again without the entries of scripts re-read since (each read queues a new one).</summary>
    private void Reindex()
    {
        _turnsAt.Clear();
        foreach (var (id, held) in _held)
            if (held.TurnsAt != long.MaxValue) _turnsAt.Enqueue(id, held.TurnsAt);
    }

    /// <summary>The status as the dashboard's queries compute it (the same rule, in SQL), and the times it compares the clock with.</summary>
    private static Expression<Func<Script, Read>> Projection(DateTime now)
    {
        var status = ScriptStatusRule.At(now);
        var s = status.Parameters[0];
        var body = Expression.New(typeof(Read).GetConstructors()[0], Expression.Property(s, nameof(Script.Id)), status.Body,
            Expression.Property(s, nameof(Script.DueAt)), Expression.Property(s, nameof(Script.SoonAt)),
            Expression.Property(s, nameof(Script.DownAt)), Expression.Property(s, nameof(Script.MaintenanceUntil)));
        return Expression.Lambda<Func<Script, Read>>(body, s);
    }
}
