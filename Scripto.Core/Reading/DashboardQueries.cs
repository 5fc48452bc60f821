using Microsoft.EntityFrameworkCore;
using Scripto.Core.Persistence;
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
            scripts = scripts.Where(s => EF.Functions.Like(s.Name, pattern, "\\") || EF.Functions.Like(s.Server, pattern, "\\"));
        }
        if (query.Status is { } wanted)
        {
            var statuses = wanted == ScriptStatus.Ok ? new[] { ScriptStatus.Ok, ScriptStatus.Soon } : [wanted];
            scripts = scripts.Where(Contains(status, statuses));
        }

        var total = await scripts.CountAsync(cancellationToken);
        var items = await Order(scripts, query, status).Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken);
        var rows = items.Select(s => new DashboardRow(s, ScriptStatusRule.Of(s, now), ScriptStatusRule.NextDue(s))).ToList();
        return new DashboardPage(total, rows);
    }

    public async Task<StatusCounts> CountsAsync(CancellationToken cancellationToken = default)
    {
        var status = ScriptStatusRule.At(clock.GetUtcNow().UtcDateTime);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Scripts.Select(status).GroupBy(s => s).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        int Count(ScriptStatus s) => counts.GetValueOrDefault(s);
        return new StatusCounts(Count(ScriptStatus.Failed), Count(ScriptStatus.Late),
            Count(ScriptStatus.Ok) + Count(ScriptStatus.Soon), Count(ScriptStatus.NeverReported));
    }

    private static IQueryable<Script> Order(IQueryable<Script> scripts, DashboardQuery query,
        Expression<Func<Script, ScriptStatus>> status)
    {
        var desc = query.Descending;
        IOrderedQueryable<Script> ordered = query.Sort switch
        {
            DashboardSort.Default => scripts.OrderBy(status).ThenByDescending(s => s.LastExec),
            DashboardSort.Status => desc ? scripts.OrderByDescending(status) : scripts.OrderBy(status),
            DashboardSort.Name => desc ? scripts.OrderByDescending(s => s.Name) : scripts.OrderBy(s => s.Name),
            DashboardSort.Server => desc ? scripts.OrderByDescending(s => s.Server) : scripts.OrderBy(s => s.Server),
            DashboardSort.LastRun => desc ? scripts.OrderByDescending(s => s.LastExec) : scripts.OrderBy(s => s.LastExec),
            DashboardSort.Periodicity => desc ? scripts.OrderByDescending(PeriodHours) : scripts.OrderBy(PeriodHours),
            DashboardSort.NextDue => desc
                ? scripts.OrderBy(s => s.LastExec == null || s.Periodicity == null).ThenByDescending(NextDueKey)
                : scripts.OrderBy(s => s.LastExec == null || s.Periodicity == null).ThenBy(NextDueKey),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Sort, null),
        };
        return ordered.ThenBy(s => s.Name).ThenBy(s => s.Id);
    }

    // A schedule sorts by its length, not alphabetically; none sorts last.
    private static readonly Expression<Func<Script, int>> PeriodHours = s =>
        s.Periodicity == Periodicity.Hourly ? 1 : s.Periodicity == Periodicity.Daily ? 24
        : s.Periodicity == Periodicity.Weekly ? 168 : s.Periodicity == Periodicity.Monthly ? 730 : int.MaxValue;

    // When the next run is due; scripts without a schedule or a run sort last.
    private static readonly Expression<Func<Script, DateTime?>> NextDueKey = s =>
        s.LastExec == null ? null
        : s.Periodicity == Periodicity.Hourly ? s.LastExec.Value.AddHours(1)
        : s.Periodicity == Periodicity.Daily ? s.LastExec.Value.AddHours(24)
        : s.Periodicity == Periodicity.Weekly ? s.LastExec.Value.AddHours(168)
        : s.Periodicity == Periodicity.Monthly ? s.LastExec.Value.AddHours(730)
        : null;

    private static Expression<Func<Script, bool>> Contains(
        Expression<Func<Script, ScriptStatus>> status, ScriptStatus[] statuses)
    {
        var body = statuses
            .Select(s => (Expression)Expression.Equal(status.Body, Expression.Constant(s)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Script, bool>>(body, status.Parameters);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
