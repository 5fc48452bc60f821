using Microsoft.EntityFrameworkCore;
using Scripto.Core.Changes;
using Scripto.Core.Persistence;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using System.Linq.Expressions;

namespace Scripto.Core.Reading;

/// <summary>
/// The dashboard's reads: only the visible page is loaded, and sorting, filtering and counting happen in SQLite.
/// Each call uses its own context (a Blazor circuit is long-lived; a shared context would not be).
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<ScriptoDbContext> contexts, TimeProvider clock, ScriptChangeFeed feed, StatusTally tally)
{
    /// <summary>How long one count serves every page while the feed has not moved (a bound for writes it never saw).</summary>
    private static readonly TimeSpan SharedFor = TimeSpan.FromSeconds(2);

    private readonly Lock _sharing = new();
    private (string FeedMark, DateTimeOffset At, Task<StatusCounts> Counts)? _shared; // the latest count begun
    private Task<StatusCounts>? _queued; // the count that begins when the running one ends
    private (string FeedMark, DateTimeOffset At, StatusCounts Counts)? _lastCounted; // the latest count that completed
    private int _failedCounted; // how many had failed at the latest count (Failed alone: the first rows of the default order)
    private volatile bool _tallied = true; // the counts come from the tally (SQLite) until it says it keeps none

    public Task<DashboardPage> PageAsync(DashboardQuery query, CancellationToken cancellationToken = default) =>
        PageAsync(query, total: null, cancellationToken);

    /// <summary>
    /// One page of the view. <paramref name="total"/>, when the caller knows it (the counters' total for a view without
    /// filters), saves counting the matches again. It runs on the thread pool: SQLite's provider runs its "async"
    /// methods synchronously, so awaited on a circuit a sort over 100,000 rows held that circuit (its clicks, its
    /// renders) for as long as it scanned, and a count and a page started "side by side" ran one after the other.
    /// </summary>
    public Task<DashboardPage> PageAsync(DashboardQuery query, int? total, CancellationToken cancellationToken = default) =>
        Task.Run(() => QueryPageAsync(query, total, cancellationToken), cancellationToken);

    private async Task<DashboardPage> QueryPageAsync(DashboardQuery query, int? total, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var status = ScriptStatusRule.At(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        IQueryable<Script> scripts = db.Scripts;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + EscapeLike(query.Search.Trim()) + "%";
            // Case-insensitive on both: SQLite's LIKE is (for ASCII); PostgreSQL's is not, its ILIKE is.
            scripts = db.Database.IsNpgsql()
                ? scripts.Where(s => EF.Functions.ILike(s.Name, pattern, "\\") || EF.Functions.ILike(s.Server, pattern, "\\"))
                : scripts.Where(s => EF.Functions.Like(s.Name, pattern, "\\") || EF.Functions.Like(s.Server, pattern, "\\"));
        }
        if (query.Server is { } server)
            scripts = scripts.Where(s => s.Server == server); // exact: the server view links here (empty is a server too)
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var needle = ScriptTags.Needle(query.Tag);
            scripts = scripts.Where(s => ("," + s.Tags + ",").Contains(needle));
        }
        if (query.Status is { } wanted)
            scripts = scripts.Where(Contains(status, wanted.Statuses));

        var matches = total ?? await scripts.CountAsync(cancellationToken);
        var items = !db.Database.IsNpgsql() && ManyFailed(query) ? await FailedPageAsync(scripts, query, status, cancellationToken) : null;
        items ??= await Order(scripts, query, status).Skip(query.Skip).Take(query.Take).AsNoTracking().ToListAsync(cancellationToken);
        return new DashboardPage(matches, items.Select(s => Row(s, now)).ToList());
    }

    /// <summary>
    /// The default order puts failed scripts first (by their last run, latest first), so while the page asked for lies
    /// within them, it is the failed scripts read down the last-run index until the page is full: at 100,000 scripts
    /// with thousands failed, a few hundred rows visited instead of every row's status computed and sorted (the
    /// prerender's longest wait). Worth it only where failed scripts are dense enough along that index: the latest
    /// count says how many failed (any age: it only picks the plan).
    /// </summary>
    private bool ManyFailed(DashboardQuery query) =>
        query is { Sort: DashboardSort.Default, GroupByServer: false, Server: null }
        && string.IsNullOrWhiteSpace(query.Search) && string.IsNullOrWhiteSpace(query.Tag)
        && (query.Status is null || query.Status.Statuses.Contains(ScriptStatus.Failed))
        && Volatile.Read(ref _failedCounted) >= FailedDensity * (query.Skip + query.Take);

    /// <summary>Failed scripts at least this many times the rows up to the page's end: the walk then visits about a quarter of the table at most, if they are spread evenly along it.</summary>
    private const int FailedDensity = 4;

    /// <summary>
    /// The page from the failed scripts alone, or null if fewer failed than the page needs (the count that chose this
    /// is older than the table): then the rows after them belong on it too, and the full order answers.
    /// </summary>
    private static async Task<List<Script>?> FailedPageAsync(IQueryable<Script> scripts, DashboardQuery query,
        Expression<Func<Script, ScriptStatus>> status, CancellationToken cancellationToken)
    {
        var failed = await FailedPage(scripts, query, status).AsNoTracking().ToListAsync(cancellationToken);
        return failed.Count == query.Take ? failed : null;
    }

    /// <summary>
    /// The failed scripts' page, latest run first, on SQLite only. The range on the last run is what makes SQLite read
    /// down its index (without one, SQLite 3.53 scans the table and sorts it, the very cost this avoids); it leaves out
    /// failed scripts that never ran, which SQLite puts after all the others in this order, so a full page from it is
    /// the same page. (PostgreSQL puts them first: there the full order answers.)
    /// </summary>
    internal static IQueryable<Script> FailedPage(IQueryable<Script> scripts, DashboardQuery query, Expression<Func<Script, ScriptStatus>> status) =>
        scripts.Where(Contains(status, [ScriptStatus.Failed])).Where(s => s.LastExec > DateTime.MinValue)
            .OrderByDescending(s => s.LastExec).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Skip(query.Skip).Take(query.Take);

    /// <summary>
    /// These scripts as rows, in this order (those deleted since are left out): a page that was prerendered shows its
    /// rows again, live, by their ids (primary-key lookups) instead of sorting and counting the table once more.
    /// </summary>
    public async Task<IReadOnlyList<DashboardRow>> RowsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Scripts.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        return ids.Where(found.ContainsKey).Select(id => Row(found[id], now)).ToList();
    }

    private static DashboardRow Row(Script script, DateTime now) =>
        new(script, ScriptStatusRule.Of(script, now)) { NextDue = script.NextDueAt(now) };

    /// <summary>
    /// The counters. Counting scans the whole table (a status is computed per row), and every open dashboard asks on
    /// every change batch: one count serves them all while the feed has not moved since it began, so twenty pages
    /// refreshing on the same batch scan once, and a live page right after its prerender not at all.
    /// </summary>
    public Task<StatusCounts> CountsAsync(CancellationToken cancellationToken = default) =>
        _tallied ? TalliedAsync(cancellationToken) : CountedAsync(cancellationToken);

    /// <summary>
    /// The counters as the tally keeps them (SQLite): the scripts the feed named since the last count re-read by id,
    /// not the rule computed on every row. On the thread pool (see PageAsync).
    /// </summary>
    private async Task<StatusCounts> TalliedAsync(CancellationToken cancellationToken)
    {
        if (tally.Kept == false) _tallied = false; // PostgreSQL: counted, as before
        else if (!tally.Ready)
        {
            // Its first read of the whole table (after a start, or after changes were missed) costs several counts:
            // it reads in the background and this page counts, as before.
            tally.Prepare();
            return await CountedAsync(cancellationToken);
        }
        var mark = feed.Mark; // before the count: a change published after it moves the mark, and the page counts again
        var at = clock.GetUtcNow();
        var counts = await Task.Run(tally.CountAsync, CancellationToken.None).WaitAsync(cancellationToken);
        if (counts is null)
        {
            _tallied = false; // PostgreSQL: counted, as before
            return await CountedAsync(cancellationToken);
        }
        return Remember(mark, at, status => counts[(int)status]);
    }

    private Task<StatusCounts> CountedAsync(CancellationToken cancellationToken)
    {
        var mark = feed.Mark; // before the count: a change committed while it runs moves the mark
        var at = clock.GetUtcNow();
        lock (_sharing)
        {
            if (_shared is { } shared && shared.FeedMark == mark && at - shared.At < SharedFor && shared.At <= at
                && !shared.Counts.IsFaulted && !shared.Counts.IsCanceled)
                return shared.Counts.WaitAsync(cancellationToken);
            // One scan at a time: while a count that began before this call runs, the next one waits for it, and
            // everyone who asks meanwhile shares that next one (at 100,000 scripts, pages refreshing on every batch of
            // the time worker's flips, each with a new mark, had up to three scans running at once on the pool, each
            // slowing the others and every page query).
            if (_shared is { Counts.IsCompleted: false } running)
                return (_queued ??= Task.Run(() => CountAfterAsync(running.Counts))).WaitAsync(cancellationToken);
            return Count().WaitAsync(cancellationToken);
        }
    }

    /// <summary>Begins a count (caller holds the lock): on the thread pool (see PageAsync), not cancelled with the page that asked, since others wait for it.</summary>
    private Task<StatusCounts> Count()
    {
        var mark = feed.Mark;
        var at = clock.GetUtcNow();
        var counting = Task.Run(() => CountGroupsAsync(mark, at));
        _shared = (mark, at, counting);
        return counting;
    }

    private async Task<StatusCounts> CountAfterAsync(Task running)
    {
        await Task.WhenAny(running).ConfigureAwait(false); // its outcome is its own callers'
        Task<StatusCounts> counting;
        lock (_sharing)
        {
            counting = Count();
            _queued = null;
        }
        return await counting.ConfigureAwait(false);
    }

    /// <summary>
    /// The latest count that completed, if it began at most <paramref name="maxAge"/> ago, with the feed's mark it was
    /// taken at: what a prerender shows instead of waiting for a scan of the whole table, leaving the exact count to
    /// its live page (which recounts once live when the feed has moved since that mark).
    /// </summary>
    public (StatusCounts Counts, string FeedMark)? LastCounts(TimeSpan maxAge)
    {
        var now = clock.GetUtcNow();
        lock (_sharing)
            return _lastCounted is { } last && now - last.At <= maxAge && last.At <= now ? (last.Counts, last.FeedMark) : null;
    }

    private async Task<StatusCounts> CountGroupsAsync(string mark, DateTimeOffset at)
    {
        var counts = await CountInSqlAsync(CancellationToken.None);
        return Remember(mark, at, counts.GetValueOrDefault);
    }

    /// <summary>The counters from a count per status, kept as the latest if none later completed.</summary>
    private StatusCounts Remember(string mark, DateTimeOffset at, Func<ScriptStatus, int> count)
    {
        int InGroup(StatusFilter group) => group.Statuses.Sum(count);
        var result = new StatusCounts(InGroup(StatusFilter.Failing), count(ScriptStatus.Late), InGroup(StatusFilter.OnTime),
            count(ScriptStatus.NeverReported), count(ScriptStatus.Paused), count(ScriptStatus.Maintenance));
        lock (_sharing)
            if (_lastCounted is not { } last || last.At <= at)
            {
                _lastCounted = (mark, at, result);
                _failedCounted = count(ScriptStatus.Failed);
            }
        return result;
    }

    /// <summary>How many scripts are in each status now (statuses with none are absent): the tally's, where it keeps one.</summary>
    public async Task<Dictionary<ScriptStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        if (_tallied && !tally.Ready) tally.Prepare(); // counted meanwhile
        else if (_tallied && await Task.Run(tally.CountAsync, CancellationToken.None).WaitAsync(cancellationToken) is { } counts)
            return Enum.GetValues<ScriptStatus>().Where(s => counts[(int)s] > 0).ToDictionary(s => s, s => counts[(int)s]);
        return await CountInSqlAsync(cancellationToken);
    }

    /// <summary>The rule computed on every row, grouped: what the tally spares.</summary>
    private async Task<Dictionary<ScriptStatus, int>> CountInSqlAsync(CancellationToken cancellationToken)
    {
        var status = ScriptStatusRule.At(clock.GetUtcNow().UtcDateTime);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Scripts.Select(status).GroupBy(s => s).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    private static IQueryable<Script> Order(IQueryable<Script> scripts, DashboardQuery query,
        Expression<Func<Script, ScriptStatus>> status)
    {
        var desc = query.Descending;
        // Grouped by server, the servers come in name order and the chosen order holds within each.
        var grouped = query.GroupByServer ? scripts.OrderBy(s => s.Server) : null;
        IOrderedQueryable<Script> By<TKey>(Expression<Func<Script, TKey>> key, bool descending) => grouped is null
            ? descending ? scripts.OrderByDescending(key) : scripts.OrderBy(key)
            : descending ? grouped.ThenByDescending(key) : grouped.ThenBy(key);
        IOrderedQueryable<Script> ordered = query.Sort switch
        {
            DashboardSort.Default => By(status, false).ThenByDescending(s => s.LastExec),
            DashboardSort.Status => By(status, desc),
            DashboardSort.Name => By(s => s.Name, desc),
            DashboardSort.Server => By(s => s.Server, desc),
            DashboardSort.LastRun => By(s => s.LastExec, desc),
            DashboardSort.Schedule => By(PeriodHours, desc),
            // Scripts that are never due sort last either way.
            DashboardSort.NextDue => desc
                ? By(s => s.DueAt == null, false).ThenByDescending(s => s.DueAt)
                : By(s => s.DueAt == null, false).ThenBy(s => s.DueAt),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Sort, null),
        };
        return ordered.ThenBy(s => s.Name).ThenBy(s => s.Id);
    }

    // A schedule sorts by how often it runs: periods by length, cron after them, none last.
    private static readonly Expression<Func<Script, long>> PeriodHours = s =>
        s.ScheduleKind == ScheduleKind.Period ? s.PeriodSeconds ?? 0 : s.ScheduleKind == ScheduleKind.Cron ? long.MaxValue - 1 : long.MaxValue;

    private static Expression<Func<Script, bool>> Contains(
        Expression<Func<Script, ScriptStatus>> status, IReadOnlyList<ScriptStatus> statuses)
    {
        var body = statuses
            .Select(s => (Expression)Expression.Equal(status.Body, Expression.Constant(s)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Script, bool>>(body, status.Parameters);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
