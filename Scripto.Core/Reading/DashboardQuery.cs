using Scripto.Core.Scripts;

namespace Scripto.Core.Reading;

/// <summary>The columns the dashboard sorts by; each maps to one fixed query.</summary>
public enum DashboardSort
{
    /// <summary>The original's order: problems first (failed, then late), then the most recent run.</summary>
    Default,
    Status,
    Name,
    Server,
    LastRun,
    Periodicity,
    NextDue,
}

/// <summary>What one dashboard view asks for: a page of the scripts that match, in an order.</summary>
public sealed record DashboardQuery(
    string? Search = null,
    ScriptStatus? Status = null,
    DashboardSort Sort = DashboardSort.Default,
    bool Descending = false,
    int Skip = 0,
    int Take = 50);

/// <summary>A script as a dashboard row: the stored state with the status computed at the query's time.</summary>
public sealed record DashboardRow(Script Script, ScriptStatus Status, DateTime? NextDue)
{
    public long Id => Script.Id;
    public string Name => Script.Name;
    public string Server => Script.Server;
    public DateTime? LastExec => Script.LastExec;
    public Periodicity? Periodicity => Script.Periodicity;
}

public sealed record DashboardPage(int Total, IReadOnlyList<DashboardRow> Rows);

/// <summary>The counters at the top of the dashboard. Soon counts as OK: it has not missed anything yet.</summary>
public sealed record StatusCounts(int Failing, int Late, int Ok, int NeverReported)
{
    public int Total => Failing + Late + Ok + NeverReported;
}
