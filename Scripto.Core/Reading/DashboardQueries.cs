using Microsoft.EntityFrameworkCore;
using Scripto.Core.Persistence;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using System.Linq.Expressions;

namespace Scripto.Core.Reading;

/// <summary>
/// The dashboard's reads: only the visible page is loaded, and sorting, filtering and counting happen in SQLite.
/// Each call uses its own context (a Blazor circuit is long-lived; a shared context would not be).
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<ScriptoDbContext> contexts, TimeProvider clock)
{
    public async Task<DashboardPage> PageAsync(DashboardQuery query, CancellationToken cancellationToken = default)
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

        var total = await scripts.CountAsync(cancellationToken);
        var items = await Order(scripts, query, status).Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken);
        var rows = items.Select(s => new DashboardRow(s, ScriptStatusRule.Of(s, now)) { NextDue = s.NextDueAt(now) }).ToList();
        return new DashboardPage(total, rows);
    }

    public async Task<StatusCounts> CountsAsync(CancellationToken cancellationToken = default)
    {
        var counts = await CountByStatusAsync(cancellationToken);
        int Count(StatusFilter group) => group.Statuses.Sum(s => counts.GetValueOrDefault(s));
        return new StatusCounts(Count(StatusFilter.Failing), counts.GetValueOrDefault(ScriptStatus.Late), Count(StatusFilter.OnTime),
            counts.GetValueOrDefault(ScriptStatus.NeverReported), counts.GetValueOrDefault(ScriptStatus.Paused), counts.GetValueOrDefault(ScriptStatus.Maintenance));
    }

    /// <summary>How many scripts are in each status now (statuses with none are absent).</summary>
    public async Task<Dictionary<ScriptStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default)
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
