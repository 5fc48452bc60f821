using Microsoft.EntityFrameworkCore;
using Scripto.Core.Notifications.Formats;
using Scripto.Core.Notifications.Grouping;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;

namespace Scripto.Core.Notifications.Planning;

/// <summary>
/// What a message says of each script: read when the message is made (not on the report path), once per script
/// per planning pass. A script deleted meanwhile is told with the name and server its group kept.
/// </summary>
internal sealed class ScriptFacts(ScriptoDbContext db, PublicAddress address, DateTime now)
{
    private readonly Dictionary<long, Script?> _scripts = [];

    private readonly Dictionary<long, string?> _lastLines = [];

    private readonly Dictionary<string, IReadOnlyList<Script>> _servers = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the scripts of a pass's events in one query (a pass of thousands of flips made a query or two per
    /// script). One array parameter, so that the SQL and EF's compiled query are the same whatever the count.
    /// </summary>
    public async Task LoadAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(id => !_scripts.ContainsKey(id)).ToArray();
        if (wanted.Length == 0) return;
        foreach (var script in await db.Scripts.AsNoTracking().Where(s => EF.Parameter(wanted).Contains(s.Id)).ToListAsync(cancellationToken))
            _scripts[script.Id] = script;
        foreach (var id in wanted) _scripts.TryAdd(id, null); // deleted meanwhile
    }

    public async Task<Script?> ScriptAsync(long id, CancellationToken cancellationToken)
    {
        if (_scripts.TryGetValue(id, out var known)) return known;
        return _scripts[id] = await db.Scripts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    /// <summary>A server's scripts as stored (its silence is a function of them and the clock), once per pass.</summary>
    public async Task<IReadOnlyList<Script>> ServerAsync(string server, CancellationToken cancellationToken)
    {
        if (_servers.TryGetValue(server, out var known)) return known;
        // The column compares without case (and is indexed so): keep the exact server, as scripts are told apart.
        var scripts = (await db.Scripts.AsNoTracking().Where(s => s.Server == server).ToListAsync(cancellationToken))
            .Where(s => s.Server == server).ToList();
        return _servers[server] = scripts;
    }

    public async Task<NotifiedScript> DescribeAsync(GroupMember member, bool resolved, CancellationToken cancellationToken)
    {
        var script = await ScriptAsync(member.ScriptId, cancellationToken);
        var lastLine = script is null ? null : await LastLineAsync(script.Id, cancellationToken);
        var status = script is null ? "deleted" : StatusWords.WireName(ScriptStatusRule.Of(script, now));
        long? downFor = resolved ? (long)((member.RecoveredAt ?? now) - member.Since).TotalSeconds : null;
        return new NotifiedScript(member.ScriptId, script?.Name ?? member.Name, script?.Server ?? member.Server, status, member.Reason,
            member.Since, script?.LastExec, script?.LastExitCode, lastLine, address.ScriptUrl(member.ScriptId), downFor);
    }

    /// <summary>The last run's output, only for a script a message tells of.</summary>
    private async Task<string?> LastLineAsync(long id, CancellationToken cancellationToken)
    {
        if (_lastLines.TryGetValue(id, out var known)) return known;
        var output = await db.Runs.Where(r => r.ScriptId == id && r.Signal != Signal.Start)
            .OrderByDescending(r => r.Id).Select(r => r.Output).FirstOrDefaultAsync(cancellationToken);
        return _lastLines[id] = LastLine(output);
    }

    /// <summary>The output's last line that says something, at most 200 characters.</summary>
    private static string? LastLine(string? output)
    {
        // A line that only resets the terminal's colour says nothing.
        var line = output?.Split('\n').Select(l => MessageText.Plain(l).Trim()).LastOrDefault(l => l.Length > 0);
        return line is { Length: > 200 } ? line[..200] + "…" : line;
    }
}
