using Microsoft.EntityFrameworkCore;
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
    private readonly Dictionary<long, (Script? Script, string? LastLine)> _known = [];

    private readonly Dictionary<string, IReadOnlyList<Script>> _servers = new(StringComparer.Ordinal);

    public async Task<Script?> ScriptAsync(long id, CancellationToken cancellationToken) => (await FactsAsync(id, cancellationToken)).Script;

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
        var (script, lastLine) = await FactsAsync(member.ScriptId, cancellationToken);
        var status = script is null ? "deleted" : StatusWords.WireName(ScriptStatusRule.Of(script, now));
        long? downFor = resolved ? (long)((member.RecoveredAt ?? now) - member.Since).TotalSeconds : null;
        return new NotifiedScript(member.ScriptId, script?.Name ?? member.Name, script?.Server ?? member.Server, status, member.Reason,
            member.Since, script?.LastExec, script?.LastExitCode, lastLine, address.ScriptUrl(member.ScriptId), downFor);
    }

    private async Task<(Script? Script, string? LastLine)> FactsAsync(long id, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(id, out var facts)) return facts;
        var script = await db.Scripts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        var output = script is null ? null : await db.Runs.Where(r => r.ScriptId == id && r.Signal != Signal.Start)
            .OrderByDescending(r => r.Id).Select(r => r.Output).FirstOrDefaultAsync(cancellationToken);
        return _known[id] = (script, LastLine(output));
    }

    /// <summary>The output's last line that says something, at most 200 characters.</summary>
    private static string? LastLine(string? output)
    {
        var line = output?.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
        return line is { Length: > 200 } ? line[..200] + "…" : line;
    }
}
