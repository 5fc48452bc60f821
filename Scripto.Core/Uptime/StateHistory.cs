using Scripto.Core.Scripts;

namespace Scripto.Core.Uptime;

/// <summary>
/// A script's recorded states from some time on: the state it was in then, and each change after, in order.
/// Built from its flips (the status changes), not from its runs: a daily job that failed once was down from that
/// failure until the next good run, whatever happened in between.
/// </summary>
public sealed class StateHistory
{
    private readonly IReadOnlyList<(DateTime At, FlipState To)> _changes;

    public StateHistory(FlipState opening, IReadOnlyList<(DateTime At, FlipState To)> changes)
    {
        Opening = opening;
        _changes = changes;
    }

    public FlipState Opening { get; }
    public IReadOnlyList<(DateTime At, FlipState To)> Changes => _changes;

    /// <summary>
    /// The history of <paramref name="script"/> from <paramref name="since"/> to <paramref name="now"/>, from its flips
    /// recorded at or after <paramref name="since"/> (any order). A silence past grace that the time worker has not
    /// recorded yet counts from its down time, as it will be recorded.
    /// </summary>
    public static StateHistory Of(Script script, IEnumerable<Flip> flipsSince, DateTime since, DateTime now)
    {
        var flips = flipsSince.Where(f => f.At >= since).OrderBy(f => f.Id).ToList();
        var current = script.FlipStateAt(now);
        var pendingDown = current == FlipState.Down && (flips.Count == 0 ? true : flips[^1].To != FlipState.Down) && script.DownAt is not null;
        FlipState opening;
        if (flips.Count > 0) opening = flips[0].From;
        else if (pendingDown && script.DownAt >= since) opening = script.FlipStateAt(script.DownAt!.Value.AddTicks(-1));
        else opening = current;

        var changes = new List<(DateTime, FlipState)>(flips.Count + 1);
        var last = since;
        foreach (var flip in flips)
        {
            last = flip.At > last ? flip.At : last; // a down flip is stamped at its down time; keep the order of recording
            changes.Add((last, flip.To));
        }
        if (pendingDown) changes.Add((script.DownAt!.Value > last ? script.DownAt.Value : last, FlipState.Down));
        return new StateHistory(opening, changes);
    }

    /// <summary>Up and watched time between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public Tally Measure(DateTime from, DateTime to)
    {
        var tally = new Tally();
        if (to <= from) return tally;
        var state = Opening;
        var cursor = from;
        foreach (var (at, next) in _changes)
        {
            if (at >= to) break;
            if (at > cursor)
            {
                tally += Span(state, at - cursor);
                cursor = at;
            }
            state = next;
        }
        return tally + Span(state, to - cursor);
    }

    private static Tally Span(FlipState state, TimeSpan length) => UptimeRule.Of(state) switch
    {
        UptimeRule.Counts.Up => new Tally(length, length),
        UptimeRule.Counts.Down => new Tally(TimeSpan.Zero, length),
        _ => new Tally(),
    };
}
