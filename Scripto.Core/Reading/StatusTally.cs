using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Diagnostics;
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
    private const int ReloadShare = 8;

    /// <summary>
    /// Ids per statement when re-reading the named scripts, passed as one parameter (a JSON array: EF 10 otherwise
    /// writes a parameter per id, and a statement of 2,000 parameters took 100-400 ms to run at load 30).
    /// </summary>
    private const int Chunk = 2000;

    /// <summary>
    /// How often the whole table is read again in the background, the tally swapped for what it says: a bound on how
    /// long a write that reached the file without the writer (sqlite3 by hand, a bench's seeding) is missed.
    /// </summary>
    public static readonly TimeSpan ReadAgainAfter = TimeSpan.FromMinutes(1);

    private readonly IDbContextFactory<ScriptoDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _turn = new(1, 1); // one count at a time: the held statuses are its alone
    private readonly Lock _gate = new(); // the ids the feed named, written by publishers
    private HashSet<long> _named = [];
    private HashSet<long>? _namedWhileReading; // while a background read runs: what the counts took from _named meanwhile
    private bool _reload = true;
    private bool? _kept; // null until the first count finds the provider
    private Table _table = new(DateTime.MinValue);
    private int _reloads; // full reads done in a count: a background read begun before one is dropped
    private Task? _readingAgain;

    /// <summary>What the tally holds: each script's status as last read, when it next turns, and the sums.</summary>
    private sealed class Table(DateTime readAt)
    {
        public readonly DateTime ReadAt = readAt; // when the whole table was last read into it
        public readonly Dictionary<long, Held> Held = [];
        public readonly PriorityQueue<long, long> TurnsAt = new(); // id by the tick its status next turns (stale entries are skipped)
        public readonly int[] Counts = new int[Enum.GetValues<ScriptStatus>().Max(s => (int)s) + 1];

        public void Hold(Read read, DateTime now)
        {
            var turnsAt = read.TurnsAt is { } t && t.Ticks > now.Ticks ? t.Ticks : long.MaxValue;
            Held[read.Id] = new Held(read.Status, turnsAt);
            Counts[(int)read.Status]++;
            if (turnsAt != long.MaxValue) TurnsAt.Enqueue(read.Id, turnsAt);
        }

        public void Forget(long id)
        {
            if (Held.Remove(id, out var was)) Counts[(int)was.Status]--;
        }

        /// <summary>The queue of turns again without the entries of scripts re-read since (each read queues a new one).</summary>
        public void Reindex()
        {
            TurnsAt.Clear();
            foreach (var (id, held) in Held)
                if (held.TurnsAt != long.MaxValue) TurnsAt.Enqueue(id, held.TurnsAt);
        }
    }

    private readonly record struct Held(ScriptStatus Status, long TurnsAt);

    /// <summary>One script as the tally reads it: its status at the read's time and the times that status may turn at.</summary>
    private sealed record Read(long Id, ScriptStatus Status, DateTime? TurnsAt);

    public StatusTally(IDbContextFactory<ScriptoDbContext> contexts, TimeProvider clock, ScriptChangeFeed feed, ILogger<StatusTally>? log = null)
    {
        _contexts = contexts;
        _clock = clock;
        _log = log ?? NullLogger<StatusTally>.Instance;
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
    /// Whether a count now is a catch-up, not a read of the whole table (none yet since the start, or one due: changes
    /// missed, a large share named): a page that cannot wait for such a read counts the old way meanwhile and asks
    /// for it with <see cref="Prepare"/>.
    /// </summary>
    public bool Ready
    {
        get
        {
            lock (_gate)
                return _kept == true && !_reload && _named.Count <= _table.Held.Count / ReloadShare + Chunk;
        }
    }

    /// <summary>False once a count found the counts are not kept here (PostgreSQL); null before the first count.</summary>
    public bool? Kept
    {
        get
        {
            lock (_gate) return _kept;
        }
    }

    /// <summary>Reads what a count needs in the background (the whole table, if <see cref="Ready"/> is false), once at a time.</summary>
    public void Prepare()
    {
        if (Interlocked.CompareExchange(ref _preparing, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await CountAsync().ConfigureAwait(false);
            }
            catch (Exception error)
            {
                _log.LogDebug(error, "Could not read the scripts' statuses; the dashboard counts them meanwhile");
            }
            finally
            {
                Volatile.Write(ref _preparing, 0);
            }
        });
    }

    private int _preparing;

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
                _namedWhileReading?.UnionWith(named);
            }
            try
            {
                if (reload || named.Count > _table.Held.Count / ReloadShare + Chunk)
                {
                    _reloads++;
                    _table = await ReadAllAsync(db, now).ConfigureAwait(false);
                }
                else
                    await CatchUpAsync(db, now, named).ConfigureAwait(false);
            }
            catch
            {
                lock (_gate) _reload = true; // what was held is no longer known to be right
                throw;
            }
            if (now - _table.ReadAt >= ReadAgainAfter && _readingAgain is null) _readingAgain = Task.Run(ReadAgainAsync);
            return (int[])_table.Counts.Clone();
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<Table> ReadAllAsync(ScriptoDbContext db, DateTime now)
    {
        var started = Stopwatch.GetTimestamp();
        var table = new Table(now);
        await foreach (var read in db.Scripts.AsNoTracking().Select(Projection(now)).AsAsyncEnumerable().ConfigureAwait(false))
            table.Hold(read, now);
        _log.LogDebug("Read the status of all {Count} scripts in {Ms:0.0} ms", table.Held.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return table;
    }

    /// <summary>
    /// The whole table read again beside the counts, which go on meanwhile from what is held; the scripts they re-read
    /// in the meantime are named again to the new table, which then takes over (unless a count read everything since).
    /// </summary>
    private async Task ReadAgainAsync()
    {
        try
        {
            int reloads;
            lock (_gate) _namedWhileReading = [];
            await _turn.WaitAsync().ConfigureAwait(false);
            reloads = _reloads;
            _turn.Release();
            var now = _clock.GetUtcNow().UtcDateTime;
            Table table;
            await using (var db = await _contexts.CreateDbContextAsync().ConfigureAwait(false))
                table = await ReadAllAsync(db, now).ConfigureAwait(false);
            await _turn.WaitAsync().ConfigureAwait(false);
            try
            {
                lock (_gate)
                {
                    if (reloads == _reloads)
                    {
                        _named.UnionWith(_namedWhileReading!);
                        _table = table;
                    }
                    _namedWhileReading = null;
                }
            }
            finally
            {
                _turn.Release();
            }
        }
        catch (Exception)
        {
            lock (_gate) _namedWhileReading = null; // the next count that finds the table old tries again
        }
        finally
        {
            _readingAgain = null;
        }
    }

    private async Task CatchUpAsync(ScriptoDbContext db, DateTime now, HashSet<long> named)
    {
        var table = _table;
        while (table.TurnsAt.TryPeek(out var id, out var at) && at <= now.Ticks)
        {
            table.TurnsAt.Dequeue();
            if (table.Held.TryGetValue(id, out var held) && held.TurnsAt == at) named.Add(id);
        }
        if (named.Count == 0) return;
        var started = Stopwatch.GetTimestamp();
        var projection = Projection(now);
        foreach (var chunk in named.Chunk(Chunk))
        {
            var found = await db.Scripts.AsNoTracking().Where(s => EF.Parameter(chunk).Contains(s.Id)).Select(projection)
                .ToDictionaryAsync(r => r.Id).ConfigureAwait(false);
            foreach (var id in chunk)
            {
                table.Forget(id);
                if (found.TryGetValue(id, out var read)) table.Hold(read, now); // absent: deleted
            }
        }
        if (table.TurnsAt.Count > 2 * table.Held.Count + 1024) table.Reindex();
        _log.LogDebug("Re-read the status of {Count} scripts in {Ms:0.0} ms", named.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// The status as the dashboard's queries compute it (the same rule, in SQL), and the first of the times it compares
    /// the clock with that is still ahead, computed in SQL too: one date per row to parse, not four (a full read of
    /// 100,000 rows parsed 400,000 dates).
    /// </summary>
    private static Expression<Func<Script, Read>> Projection(DateTime now)
    {
        var status = ScriptStatusRule.At(now);
        var s = status.Parameters[0];
        DateTime? at = now;
        Expression<Func<DateTime?>> clock = () => at; // a parameter of the statement, as the rule's clock
        Expression Ahead(string column)
        {
            var time = Expression.Property(s, column);
            return Expression.Condition(Expression.GreaterThan(time, clock.Body), time, Expression.Constant(null, typeof(DateTime?)));
        }
        Expression First(Expression a, Expression b) =>
            Expression.Condition(Expression.Equal(a, Expression.Constant(null, typeof(DateTime?))), b,
                Expression.Condition(Expression.Equal(b, Expression.Constant(null, typeof(DateTime?))), a,
                    Expression.Condition(Expression.LessThan(a, b), a, b)));
        var turnsAt = First(First(Ahead(nameof(Script.DueAt)), Ahead(nameof(Script.SoonAt))),
            First(Ahead(nameof(Script.DownAt)), Ahead(nameof(Script.MaintenanceUntil))));
        var body = Expression.New(typeof(Read).GetConstructors()[0], Expression.Property(s, nameof(Script.Id)), status.Body, turnsAt);
        return Expression.Lambda<Func<Script, Read>>(body, s);
    }
}
