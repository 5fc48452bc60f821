using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;

namespace Scripto.Core.Reading;

/// <summary>Reads for the APIs. Each call uses its own short-lived context; writes go through the ScriptWriter.</summary>
public sealed class ScriptQueries(IDbContextFactory<ScriptoDbContext> contexts, TimeProvider clock)
{
    public async Task<Script?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Scripts.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    /// <summary>One page in id order, and how many there are in all.</summary>
    public async Task<(int Total, IReadOnlyList<Script> Items)> PageByIdAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = await db.Scripts.CountAsync(cancellationToken);
        var items = await db.Scripts.OrderBy(s => s.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (total, items);
    }

    /// <summary>A script with its latest runs and flips, newest first; null when there is no such script.</summary>
    public async Task<ScriptDetails?> DetailsAsync(long id, int runs = 100, int flips = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var script = await db.Scripts.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (script is null) return null;
        var history = await db.Runs.Where(r => r.ScriptId == id).OrderByDescending(r => r.Id).Take(runs).ToListAsync(cancellationToken);
        var timeline = await db.Flips.Where(f => f.ScriptId == id).OrderByDescending(f => f.Id).Take(flips).ToListAsync(cancellationToken);
        return new ScriptDetails(script, ScriptStatusRule.Of(script, clock.GetUtcNow().UtcDateTime), history, timeline);
    }

    /// <summary>Every script with its status at <paramref name="utcNow"/>, in id order, streamed rather than loaded.</summary>
    public async IAsyncEnumerable<(Script Script, ScriptStatus Status)> AllAsync(DateTime utcNow,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await foreach (var script in db.Scripts.OrderBy(s => s.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return (script, ScriptStatusRule.Of(script, utcNow));
    }
}
