using Microsoft.EntityFrameworkCore;
using Scripto.Core.Notifications.Alerts;
using Scripto.Core.Persistence;

namespace Scripto.Core.Notifications.Planning;

/// <summary>
/// The flap states as stored, kept by the planner between its passes while it is the only planner (SQLite: always;
/// PostgreSQL: while this node leads, the same term). In a storm of flips a pass read its scripts' states by key, and
/// the settled and first unsettled flapping ones, through EF Core each time, and parsed each state's JSON at every
/// change: about a fifth of the planner's CPU (bench/README.md, "Tenth pass").
/// What it holds is what the last committed pass wrote; a pass changes the states in place, so a pass that does not
/// commit (an error, another process's events) forgets everything and the next reads the database again: what is
/// in memory is never newer than what is stored.
/// A script deleted meanwhile: script_flaps and alert_events have no foreign key to scripts, so its state stays
/// stored (and here) as it was, as without this memory: its events left, if any, change it and tell no one (its
/// script is not found), it settles at its time, told to no one, and is deleted, there and here. Scripts' ids are not
/// reused (AUTOINCREMENT, identity), so a script made again under the name starts with no state.
/// </summary>
internal sealed class FlapMemory
{
    /// <summary>Past this many scripts known, those not flapping are forgotten (read again by key when they change).</summary>
    internal const int MaxKnown = 20_000;

    /// <summary>By script: its stored state, or null where none is stored.</summary>
    private readonly Dictionary<long, FlapState?> _known = [];

    /// <summary>Every stored state that flaps (all of them read when the memory is filled, then kept up to date).</summary>
    private readonly Dictionary<long, FlapState> _flapping = [];

    private bool _filled;
    private long _term = -1;

    /// <summary>How many scripts it knows (for the tests).</summary>
    internal int Known => _known.Count;

    /// <summary>Forgets everything: the next pass reads the database again.</summary>
    public void Forget()
    {
        _filled = false;
        _known.Clear();
        _flapping.Clear();
    }

    /// <summary>
    /// The states a pass needs: those of its scripts that are stored, and the flapping ones settled at
    /// <paramref name="now"/>. Read from the database only where not known (all the flapping ones when first filled,
    /// or when <paramref name="term"/> says the leadership changed hands since).
    /// </summary>
    public async Task<Dictionary<long, FlapState>> ForPassAsync(ScriptoDbContext db, long[] scriptIds, DateTime now, long term,
        CancellationToken cancellationToken)
    {
        if (term != _term) Forget();
        _term = term;
        if (!_filled)
        {
            foreach (var flap in await NotificationPlanner.Flapping(db).ToListAsync(cancellationToken))
                _known[flap.ScriptId] = _flapping[flap.ScriptId] = flap;
            _filled = true;
        }
        var unknown = scriptIds.Where(id => !_known.ContainsKey(id)).ToArray();
        if (unknown.Length > 0)
        {
            foreach (var id in unknown) _known[id] = null;
            foreach (var flap in await db.FlapStates.AsNoTracking().Where(f => EF.Parameter(unknown).Contains(f.ScriptId)).ToListAsync(cancellationToken))
                _known[flap.ScriptId] = flap;
        }
        var flaps = new Dictionary<long, FlapState>(scriptIds.Length);
        foreach (var id in scriptIds)
            if (_known[id] is { } flap) flaps[id] = flap;
        foreach (var flap in _flapping.Values)
            if (FlapRules.Settled(flap, now)) flaps.TryAdd(flap.ScriptId, flap);
        return flaps;
    }

    /// <summary>When the first flapping script not among <paramref name="read"/> settles (the pass's states say their own).</summary>
    public DateTime? FirstSettlingOutside(IReadOnlyDictionary<long, FlapState> read)
    {
        DateTime? first = null;
        foreach (var flap in _flapping.Values)
            if (!read.ContainsKey(flap.ScriptId) && (first is null || flap.LastChangeAt < first)) first = flap.LastChangeAt;
        return first + FlapState.Window;
    }

    /// <summary>After the pass's commit: the states it wrote and those it deleted.</summary>
    public void Committed(IEnumerable<FlapState> written, IEnumerable<long> deleted)
    {
        foreach (var flap in written)
        {
            _known[flap.ScriptId] = flap;
            if (flap.Flapping) _flapping[flap.ScriptId] = flap;
            else _flapping.Remove(flap.ScriptId);
        }
        foreach (var id in deleted)
        {
            _known[id] = null;
            _flapping.Remove(id);
        }
        if (_known.Count > MaxKnown)
            foreach (var id in _known.Keys.Where(id => !_flapping.ContainsKey(id)).ToList())
                _known.Remove(id);
    }
}
