using Microsoft.EntityFrameworkCore;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;
using Scripto.Core.Uptime;

namespace Scripto.Core.Reading;

/// <summary>Reads a script, a tag or a server for badges, status pages and uptime: its scripts' states and, if asked, their flips.</summary>
public sealed class TargetQueries(IDbContextFactory<ScriptoDbContext> contexts, TimeProvider clock)
{
    /// <summary>Null for a script that does not exist; a tag or a server without scripts reads as empty.</summary>
    public async Task<TargetReading?> ReadAsync(Target target, bool withHistory, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<Script> query = db.Scripts;
        switch (target.Kind)
        {
            case TargetKind.Script:
                if (target.ScriptId is not { } id) return null;
                query = query.Where(s => s.Id == id);
                break;
            case TargetKind.Tag:
                var needle = ScriptTags.Needle(target.Value);
                query = query.Where(s => ("," + s.Tags + ",").Contains(needle));
                break;
            default:
                query = query.Where(s => s.Server == target.Value);
                break;
        }
        var scripts = await query.OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        if (target.Kind == TargetKind.Script && scripts.Count == 0) return null;

        var flips = new Dictionary<long, List<Flip>>();
        var since = now - UptimeWindows.Longest;
        if (withHistory && scripts.Count > 0)
        {
            var ids = scripts.Select(s => s.Id).ToList();
            foreach (var flip in await db.Flips.Where(f => ids.Contains(f.ScriptId) && f.At >= since).ToListAsync(cancellationToken))
                (flips.TryGetValue(flip.ScriptId, out var list) ? list : flips[flip.ScriptId] = []).Add(flip);
        }
        var readings = scripts.Select(s => new ScriptReading(s.Id, s.Name, ScriptStatusRule.Of(s, now),
            withHistory ? StateHistory.Of(s, flips.GetValueOrDefault(s.Id) ?? [], since, now) : null)).ToList();
        var name = target.Kind == TargetKind.Script ? scripts[0].Name : target.Value;
        return new TargetReading(target, name, readings, now);
    }
}
