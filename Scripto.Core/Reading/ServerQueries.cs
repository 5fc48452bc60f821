using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;

namespace Scripto.Core.Reading;

/// <summary>One script of a server's strip: enough to draw its chip and link to it.</summary>
public sealed record ServerScript(long Id, string Name, ScriptStatus Status);

/// <summary>A server as the server view shows it: its scripts counted by state, and the worst of them first.</summary>
public sealed record ServerSummary(string Server, StatusCounts Counts, IReadOnlyList<ServerScript> Worst)
{
    public int Total => Counts.Total;
}

/// <summary>
/// The server view's read: every server with its counts by state and a strip of its scripts, worst first. Servers
/// in trouble come first (most failing, then most late), the rest by name. One query over the scripts' name, server
/// and computed status (a few MB at 100,000 scripts), grouped here.
/// </summary>
public sealed class ServerQueries(IDbContextFactory<ScriptoDbContext> contexts, TimeProvider clock)
{
    /// <summary>Chips shown per server; the rest are counted.</summary>
    public const int StripLength = 60;

    public async Task<IReadOnlyList<ServerSummary>> ServersAsync(CancellationToken cancellationToken = default)
    {
        var status = ScriptStatusRule.At(clock.GetUtcNow().UtcDateTime);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scripts = await db.Scripts.AsNoTracking().Select(WithStatus(status)).ToListAsync(cancellationToken);
        return scripts
            .GroupBy(s => s.Server, StringComparer.Ordinal)
            .Select(g =>
            {
                var by = g.GroupBy(s => s.Status).ToDictionary(s => s.Key, s => s.Count());
                int Count(StatusFilter filter) => filter.Statuses.Sum(s => by.GetValueOrDefault(s));
                var counts = new StatusCounts(Count(StatusFilter.Failing), by.GetValueOrDefault(ScriptStatus.Late), Count(StatusFilter.OnTime),
                    by.GetValueOrDefault(ScriptStatus.NeverReported), by.GetValueOrDefault(ScriptStatus.Paused), by.GetValueOrDefault(ScriptStatus.Maintenance));
                var worst = g.OrderBy(s => s.Status).ThenBy(s => s.Name, StringComparer.Ordinal).Take(StripLength)
                    .Select(s => new ServerScript(s.Id, s.Name, s.Status)).ToList();
                return new ServerSummary(g.Key, counts, worst);
            })
            .OrderByDescending(s => s.Counts.Failing).ThenByDescending(s => s.Counts.Late).ThenBy(s => s.Server, StringComparer.Ordinal)
            .ToList();
    }

    private sealed record Row(long Id, string Name, string Server, ScriptStatus Status);

    /// <summary>s => new Row(s.Id, s.Name, s.Server, status(s)): the status rule inlined, so SQLite computes it.</summary>
    private static Expression<Func<Script, Row>> WithStatus(Expression<Func<Script, ScriptStatus>> status)
    {
        var script = status.Parameters[0];
        return Expression.Lambda<Func<Script, Row>>(
            Expression.New(typeof(Row).GetConstructors()[0],
                Expression.Property(script, nameof(Script.Id)), Expression.Property(script, nameof(Script.Name)),
                Expression.Property(script, nameof(Script.Server)), status.Body),
            script);
    }
}
