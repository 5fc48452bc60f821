using System.Diagnostics.Metrics;

namespace Scripto.Core.Changes;

/// <summary>
/// How late the live pages are, as instruments of the "Scripto" meter (exported on /metrics with the buckets of the
/// reports' latency): <c>scripto_node_change_lag_seconds</c>, from another node's commit until its change reached this
/// node's feed (as exact as the two machines' clocks agree); <c>scripto_live_page_delay_seconds</c>, from a change on
/// this node's feed until an open page showed it (the page's coalescing, its pacing and its refresh);
/// <c>scripto_live_refresh_seconds</c>, the refresh alone (the page's queries and render). Together with the browser's
/// own share they make the cross-node latency that bench/cross-node.sh measures end to end.
/// </summary>
public sealed class LiveLatency
{
    private readonly Histogram<double>? _nodeLag, _pageDelay, _refresh;

    public LiveLatency(IMeterFactory? meters = null)
    {
        if (meters is null) return;
        var meter = meters.Create("Scripto");
        _nodeLag = meter.CreateHistogram<double>("node.change.lag.seconds", "s",
            "Time from another node's commit of a change until this node's feed had it (as exact as the nodes' clocks agree).");
        _pageDelay = meter.CreateHistogram<double>("live.page.delay.seconds", "s",
            "Time from a change on this node's feed until an open page had re-read and rendered it.");
        _refresh = meter.CreateHistogram<double>("live.refresh.seconds", "s",
            "Time an open page took to re-read and render after changes.");
    }

    /// <summary>A change another node committed <paramref name="lag"/> ago arrived (a negative lag is the clocks', shown as 0).</summary>
    public void ArrivedFromAnotherNode(TimeSpan lag) => _nodeLag?.Record(Math.Max(0, lag.TotalSeconds));

    /// <summary>A page refreshed in <paramref name="took"/>; its oldest change had waited <paramref name="delay"/> (null: none named).</summary>
    public void PageRefreshed(TimeSpan took, TimeSpan? delay)
    {
        _refresh?.Record(took.TotalSeconds);
        if (delay is { } d) _pageDelay?.Record(d.TotalSeconds);
    }
}
