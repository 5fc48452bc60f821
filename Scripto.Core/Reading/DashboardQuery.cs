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
    Schedule,
    NextDue,
}

/// <summary>What one dashboard view asks for: a page of the scripts that match, in an order.</summary>
public sealed record DashboardQuery(
    string? Search = null,
    StatusFilter? Status = null,
    DashboardSort Sort = DashboardSort.Default,
    bool Descending = false,
    int Skip = 0,
    int Take = 50,
    string? Tag = null,
    string? Server = null,
    bool GroupByServer = false);

/// <summary>A script as a dashboard row: the stored state with the status computed at the query's time.</summary>
public sealed record DashboardRow(Script Script, ScriptStatus Status)
{
    public DateTime? NextDue { get; init; } = Script.DueAt;
    public long Id => Script.Id;
    public string Name => Script.Name;
    public string Server => Script.Server;
    public IReadOnlyList<string> Tags => ScriptTags.Split(Script.Tags);
    public DateTime? LastExec => Script.LastExec;
    public int? ExitCode => Script.LastExitCode;
    public TimeSpan? Duration => Script.LastDuration;
    public string Schedule => Script.Schedule.Describe();
}

public sealed record DashboardPage(int Total, IReadOnlyList<DashboardRow> Rows);

/// <summary>The counters at the top of the dashboard, one per group of the status filter.</summary>
public sealed record StatusCounts(int Failing, int Late, int OnTime, int NeverReported, int Paused = 0, int Maintenance = 0)
{
    public int Total => Failing + Late + OnTime + NeverReported + Paused + Maintenance;
}
