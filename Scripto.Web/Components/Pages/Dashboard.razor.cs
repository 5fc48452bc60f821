using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Scripto.Core.Changes;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Web.Components.Live;
using Scripto.Web.Formatting;

namespace Scripto.Web.Components.Pages;

/// <summary>
/// The live status table. It renders what DashboardQueries answers and re-queries when the change feed says
/// something changed; the view (sort, search, status filter) lives in the URL so a bookmark opens it as it was.
/// </summary>
public sealed partial class Dashboard
{
    private static readonly TimeSpan HighlightFor = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TypingPause = TimeSpan.FromMilliseconds(200);

    private static readonly Dictionary<string, DashboardSort> Columns = new()
    {
        ["Status"] = DashboardSort.Status,
        ["Name"] = DashboardSort.Name,
        ["Server"] = DashboardSort.Server,
        ["LastExec"] = DashboardSort.LastRun,
        ["Schedule"] = DashboardSort.Schedule,
        ["NextDue"] = DashboardSort.NextDue,
    };

    [Inject] private DashboardQueries Queries { get; set; } = null!;
    [Inject] private ScriptChangeFeed Feed { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ViewerClock Viewer { get; set; } = null!;
    [Inject] private ILogger<Dashboard> Log { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "sort")] public string? SortParameter { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] public string? DirParameter { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? SearchParameter { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? StatusParameter { get; set; }

    private MudDataGrid<DashboardRow>? _grid;
    private StatusCounts _counts = new(0, 0, 0, 0);
    private DateTime _now;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private string? _search;
    private ScriptStatus? _status;
    private DashboardSort _sort;
    private bool _desc;
    private readonly ConcurrentDictionary<long, DateTime> _changedAt = new();
    private readonly CancellationTokenSource _stop = new();
    private FeedFollower? _following;
    private bool _gridLoaded; // until the grid's first query answers, an empty grid is not "no match"
    private CancellationTokenSource? _typing;
    private string? _urlSeen;

    internal string Title => _counts.Failing > 0 ? $"({_counts.Failing}) Scripto" : "Scripto";
    private string StatusUrl => _status is { } s ? StatusText.UrlName(s) : "all";

    protected override async Task OnParametersSetAsync()
    {
        // The URL is the view on first load and when it changes under us (back button, an edited bookmark).
        // Our own replaceState navigations echo back here too: those are skipped, or a stale echo could undo a
        // newer view (typing "DB-7" once ended up filtered by "DB-").
        if (_urlSeen is not null && Navigation.Uri == _urlSeen) return;
        _urlSeen = Navigation.Uri;
        _sort = Columns.Values.FirstOrDefault(c => c.ToString().Equals(SortParameter, StringComparison.OrdinalIgnoreCase));
        _desc = string.Equals(DirParameter, "desc", StringComparison.OrdinalIgnoreCase);
        _search = string.IsNullOrWhiteSpace(SearchParameter) ? null : SearchParameter;
        _status = StatusText.FromUrl(StatusParameter);
        await RefreshAsync();
    }

    protected override void OnInitialized()
    {
        // Follow the feed before the first query, so nothing committed in between goes unseen and the first
        // interactive render needs no second round of queries (at 100,000 scripts each costs tens of ms).
        if (RendererInfo.IsInteractive) _following = FeedFollower.Start(Feed, OnChangesAsync, Log);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        var zone = await Viewer.ResolveAsync();
        if (zone == _zone) return;
        _zone = zone; // only the times' text changes: no query
        StateHasChanged();
    }

    private async Task OnChangesAsync(ChangeBatch batch)
    {
        var at = DateTime.UtcNow;
        foreach (var (id, kind) in batch.Changes)
            if (kind != ScriptChangeKind.Deleted) _changedAt[id] = at;
        await InvokeAsync(RefreshAsync);
    }

    private async Task RefreshAsync()
    {
        _now = Clock.GetUtcNow().UtcDateTime;
        _counts = await Queries.CountsAsync(_stop.Token);
        if (_grid is not null) await _grid.ReloadServerData();
        StateHasChanged();
    }

    private async Task<GridData<DashboardRow>> LoadAsync(GridState<DashboardRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        (_sort, _desc) = sort is not null && Columns.TryGetValue(sort.SortBy, out var column)
            ? (column, sort.Descending)
            : (DashboardSort.Default, false);
        KeepViewInUrl();

        _now = Clock.GetUtcNow().UtcDateTime;
        var page = await Queries.PageAsync(
            new DashboardQuery(_search, _status, _sort, _desc, state.Page * state.PageSize, state.PageSize), cancellationToken);
        ForgetOldHighlights();
        _gridLoaded = true;
        return new GridData<DashboardRow> { Items = page.Rows, TotalItems = page.Total };
    }

    /// <summary>
    /// Every keystroke arrives here; the table follows once typing pauses. (MudBlazor 9's own DebounceInterval
    /// never raised ValueChanged here, so the pause is kept in the page.)
    /// </summary>
    private async Task SearchAsync(string? text)
    {
        if (_typing is not null) await _typing.CancelAsync();
        var typing = _typing = new CancellationTokenSource();
        try
        {
            await Task.Delay(TypingPause, typing.Token);
        }
        catch (OperationCanceledException)
        {
            return; // a later keystroke took over
        }
        _search = string.IsNullOrWhiteSpace(text) ? null : text;
        KeepViewInUrl();
        await RefreshAsync();
    }

    private Task FilterByStatusNameAsync(string? name) => FilterByStatusAsync(StatusText.FromUrl(name));

    private async Task FilterByStatusAsync(ScriptStatus? status)
    {
        _status = status;
        KeepViewInUrl();
        await RefreshAsync();
    }

    private void KeepViewInUrl()
    {
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["sort"] = _sort == DashboardSort.Default ? null : _sort.ToString().ToLowerInvariant(),
            ["dir"] = _sort != DashboardSort.Default && _desc ? "desc" : null,
            ["q"] = _search,
            ["status"] = _status is { } s ? StatusText.UrlName(s) : null,
        });
        if (uri == Navigation.Uri) return;
        _urlSeen = uri;
        Navigation.NavigateTo(uri, replace: true);
    }

    private SortDirection Initial(DashboardSort column) =>
        _sort != column ? SortDirection.None : _desc ? SortDirection.Descending : SortDirection.Ascending;

    private string RowClass(DashboardRow row, int index) =>
        _changedAt.TryGetValue(row.Id, out var at) && DateTime.UtcNow - at < HighlightFor ? "scripto-changed" : "";

    private void ForgetOldHighlights()
    {
        var now = DateTime.UtcNow;
        foreach (var (id, at) in _changedAt)
            if (now - at >= HighlightFor) _changedAt.TryRemove(id, out _);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_following is not null) await _following.DisposeAsync();
        _stop.Dispose();
        _typing?.Dispose();
    }
}
