using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Scripto.Core.Changes;
using Scripto.Core.Reading;
using Scripto.Web.Components.Dashboard;
using Scripto.Web.Components.Live;

namespace Scripto.Web.Components.Pages;

/// <summary>
/// The dashboard: the live status table. It renders what DashboardQueries answers and re-queries when the change feed says
/// something changed; the view (sort, search, status filter, page and its size) lives in the URL so a bookmark
/// opens it as it was. Plain HTML rows from one component: a circuit keeps every component instance and its two
/// render trees for as long as the page is open, so the table is one tree, not hundreds of cell components, and
/// each row in it is one piece of markup (RowMarkup), not sixty frames.
/// </summary>
public sealed partial class Home
{
    private static readonly TimeSpan HighlightFor = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TypingPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PrerenderCountsFor = TimeSpan.FromSeconds(5);

    [Inject] private DashboardQueries Queries { get; set; } = null!;
    [Inject] private ScriptChangeFeed Feed { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ViewerClock Viewer { get; set; } = null!;
    [Inject] private ILogger<Home> Log { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "sort")] public string? SortParameter { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] public string? DirParameter { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? SearchParameter { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? StatusParameter { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public int? PageParameter { get; set; }
    [SupplyParameterFromQuery(Name = "size")] public int? SizeParameter { get; set; }
    [SupplyParameterFromQuery(Name = "tag")] public string? TagParameter { get; set; }
    [SupplyParameterFromQuery(Name = "server")] public string? ServerParameter { get; set; }
    [SupplyParameterFromQuery(Name = "group")] public string? GroupParameter { get; set; }

    /// <summary>
    /// What the prerender showed (its rows' ids, counts, total, the feed's mark), handed to the live render: it shows
    /// the same rows by their ids and re-queries only if the feed moved in between, instead of counting and sorting
    /// the whole table a second time within a second (at 100,000 scripts that was most of the first render).
    /// </summary>
    [PersistentState] public Prerendered? Snapshot { get; set; }

    /// <summary>A prerendered view, as persisted into the page (ids and numbers, not the rows' HTML).</summary>
    public sealed record Prerendered(string View, string FeedMark, long[] Ids, int[] Counts, int Total);

    private ShownRow[] _rows = [];
    private int _total;
    private StatusCounts _counts = new(0, 0, 0, 0);
    private DateTime _now;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private string? _search;
    private string? _searchBox; // the box's text as the URL set it: while typing, the browser owns it (a re-render must not undo a keystroke)
    private StatusFilter? _status;
    private string? _tag;
    private string? _server;
    private bool _byServer;
    private DashboardSort _sort;
    private bool _desc;
    private int _page; // zero-based here, one-based in the URL
    private int _size = TablePager.DefaultSize;
    private bool _loaded; // until the first query answers, an empty table is not "no match"
    private int _generation; // the latest query begun
    private int _shownGeneration; // the query whose answer is shown: an older one that answers late is dropped
    private readonly ConcurrentDictionary<long, DateTime> _changedAt = new();
    private readonly CancellationTokenSource _stop = new();
    private FeedFollower? _following;
    private CancellationTokenSource? _typing;
    private string? _urlSeen;
    private Dictionary<long, string> _rowHtml = []; // each row's HTML as last shown, by id
    private bool _rowsRewritten; // a row's HTML changed since the last render
    private bool _staleAfterPrerender; // the feed moved between the prerender's queries and this live page's start
    private bool _live; // following the feed, its rows in the viewer's zone (nothing left to rewrite them but a change)

    internal string Title => _counts.Failing > 0 ? $"({_counts.Failing}) Scripto" : "Scripto";
    private string StatusUrl => _status?.WireName ?? "all";

    protected override async Task OnParametersSetAsync()
    {
        // The URL is the view on first load and when it changes under us (back button, an edited bookmark).
        // Our own replaceState navigations echo back here too: those are skipped, or a stale echo could undo a
        // newer view (typing "DB-7" once ended up filtered by "DB-").
        if (_urlSeen is not null && Navigation.Uri == _urlSeen) return;
        _urlSeen = Navigation.Uri;
        _sort = Enum.GetValues<DashboardSort>().FirstOrDefault(c => c.ToString().Equals(SortParameter, StringComparison.OrdinalIgnoreCase));
        _desc = _sort != DashboardSort.Default && string.Equals(DirParameter, "desc", StringComparison.OrdinalIgnoreCase);
        _search = string.IsNullOrWhiteSpace(SearchParameter) ? null : SearchParameter;
        _searchBox = _search;
        _status = StatusFilter.FromWireName(StatusParameter);
        _tag = string.IsNullOrWhiteSpace(TagParameter) ? null : TagParameter.Trim().ToLowerInvariant();
        _server = ServerParameter; // as given: "" is the scripts reported without a server
        _byServer = string.Equals(GroupParameter, "server", StringComparison.OrdinalIgnoreCase);
        _size = TablePager.Sizes.Contains(SizeParameter ?? 0) ? SizeParameter!.Value : TablePager.DefaultSize;
        _page = Math.Max(0, (PageParameter ?? 1) - 1);
        if (!await ShowPrerenderedAsync()) await ShowViewAsync(); // the first load counts too
        // Live at once when the rows shown are in the viewer's zone (it came with the prerender, from scripto.js's
        // cookie); else OnAfterRenderAsync marks it once it has asked the browser and written them again. A change
        // published since the prerender is caught up with as any report is, after live (at 100,000 scripts the time
        // worker publishes every few hundred ms: the page would never be "final" before it).
        if (_following is not null && Viewer.Known is not null) _live = true;
    }

    /// <summary>
    /// The live render's first view: the prerendered rows again, by id, when the URL is the one prerendered. The feed
    /// was followed from before this (OnInitialized); if anything was published since the prerender's queries, one
    /// refresh follows once it is shown.
    /// </summary>
    private async Task<bool> ShowPrerenderedAsync()
    {
        var snapshot = Snapshot;
        Snapshot = null;
        if (!RendererInfo.IsInteractive || snapshot is null || snapshot.View != View || snapshot.Counts.Length != 6) return false;
        var generation = ++_generation;
        var now = Clock.GetUtcNow().UtcDateTime;
        var rows = await Queries.RowsAsync(snapshot.Ids, _stop.Token);
        if (generation != _generation) return true;
        _shownGeneration = generation;
        var c = snapshot.Counts;
        (_now, _counts, _total, _loaded) = (now, new StatusCounts(c[0], c[1], c[2], c[3], c[4], c[5]), snapshot.Total, true);
        _rows = Show(rows);
        _staleAfterPrerender = snapshot.FeedMark != Feed.Mark || rows.Count != snapshot.Ids.Length;
        return true;
    }

    private string View => Navigation.ToBaseRelativePath(Navigation.Uri);

    protected override void OnInitialized()
    {
        // Follow the feed before the first query, so nothing committed in between goes unseen and the first
        // interactive render needs no second round of queries (at 100,000 scripts each costs tens of ms).
        if (RendererInfo.IsInteractive) _following = FeedFollower.Start(Feed, OnChangesAsync, Log);
        // The viewer's zone as the prerender knew it (and handed on to this live page): the rows are written once, in it.
        _zone = Viewer.Zone;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_rowsRewritten)
        {
            // A circuit keeps the last two render trees, and the previous one still holds the rows as they were (50
            // strings of ~2 KB when the times tick). One more render, which changes nothing in the browser, makes both
            // trees hold the same strings and lets the old ones go.
            _rowsRewritten = false;
            StateHasChanged();
        }
        if (!firstRender) return;
        var stale = _staleAfterPrerender;
        _staleAfterPrerender = false;
        if (stale) await RefreshAsync();
        var zone = await Viewer.CurrentAsync(); // the prerender's, else (a first visit, a stale cookie) the browser's
        if (zone != _zone)
        {
            _zone = zone; // the times' text changes: the rows are written again (the page keeps their HTML, not the scripts)
            await ShowViewAsync();
        }
        if (_live) return;
        _live = true; // a render after the rows' rewrite: a click on a row after this lands on the row that stays
        StateHasChanged();
    }

    private async Task OnChangesAsync(ChangeBatch batch)
    {
        var at = Clock.GetUtcNow().UtcDateTime;
        foreach (var (id, kind) in batch.Changes)
            if (kind != ScriptChangeKind.Deleted) _changedAt[id] = at;
        await InvokeAsync(RefreshAsync);
    }

    /// <summary>Counts and the page again, when the feed says something changed (its follower waits for each).</summary>
    private Task RefreshAsync() => QueryAsync(recount: true);

    /// <summary>
    /// The page again for a new view (sort, page, search, filter): the counters count the whole table, which a new view
    /// does not change, so they are not counted again (a full scan at 100,000 scripts; the feed's refreshes do).
    /// </summary>
    private Task ShowViewAsync() => QueryAsync(recount: false);

    private async Task QueryAsync(bool recount)
    {
        var generation = ++_generation;
        var asked = CurrentQuery();
        var now = Clock.GetUtcNow().UtcDateTime;
        var mark = Feed.Mark; // before the queries: a change committed while they run moves it
        DashboardPage page;
        StatusCounts counts;
        if (!RendererInfo.IsInteractive && Queries.LastCounts(PrerenderCountsFor) is { } last && last.Counts.Total > 0)
        {
            // The prerender is the first paint, and its live page follows within a second: it shows a count taken in
            // the last few seconds rather than wait for another scan of the whole table (at 100,000 scripts the longer
            // of its two queries), and hands the live page that count's mark, so the live page counts again once it is
            // up if anything was published since.
            (counts, mark) = last;
            page = await QueryPageAsync(total: Unfiltered ? counts.Total : null); // one query: the count's total is the table's
        }
        else if (recount || !_loaded)
        {
            // Counting and the page each scan the table at 100,000 scripts: side by side (two connections, WAL readers),
            // the wait is the longer of the two, not their sum.
            var counting = Queries.CountsAsync(_stop.Token);
            var paging = QueryPageAsync(total: Unfiltered ? 0 : null); // unfiltered, its total is the count's: not counted twice
            await Task.WhenAll(counting, paging); // both awaited, so a failure of one is never left unobserved
            (counts, page) = (counting.Result, paging.Result);
            if (Unfiltered) page = page with { Total = counts.Total };
        }
        else
        {
            counts = _counts; // a new view does not change what the counters count, nor, without a filter, the total
            page = await QueryPageAsync(total: Unfiltered ? counts.Total : null);
        }
        if (counts.Total == 0) page = new DashboardPage(0, []);
        if (page.Rows.Count == 0 && page.Total > 0 && _page > 0)
        {
            _page = (page.Total - 1) / _size; // the page asked for is past the end now (a filter, deletions)
            KeepViewInUrl();
            asked = CurrentQuery();
            page = await QueryPageAsync(total: page.Total);
        }
        // An answer for the view shown is shown unless a later one already was: a refresh of the same view begun while
        // this one ran (the time worker's batches come every few hundred ms at 100,000 scripts) no longer makes a click
        // wait for the refresh's query too; an answer for a view left since (another sort, page, filter) is dropped.
        if (generation < _shownGeneration || asked != CurrentQuery()) return;
        _shownGeneration = generation;
        (_now, _counts, _total, _loaded) = (now, counts, page.Total, true);
        ForgetOldHighlights(now);
        _rows = Show(page.Rows);
        if (!RendererInfo.IsInteractive)
            Snapshot = new Prerendered(View, mark, page.Rows.Select(r => r.Id).ToArray(),
                [counts.Failing, counts.Late, counts.OnTime, counts.NeverReported, counts.Paused, counts.Maintenance], page.Total);
        StateHasChanged();
    }

    private Task<DashboardPage> QueryPageAsync(int? total) => Queries.PageAsync(CurrentQuery(), total, _stop.Token);

    private DashboardQuery CurrentQuery() => new(_search, _status, _sort, _desc, _page * _size, _size, _tag, _server, _byServer);

    /// <summary>Every script is in the table (no search, status, tag or server filter): its total is the counters' total.</summary>
    private bool Unfiltered => _search is null && _status is null && _tag is null && _server is null;

    private async Task SortByAsync(DashboardSort column)
    {
        (_sort, _desc) = _sort == column ? (column, !_desc) : (column, false);
        _page = 0;
        KeepViewInUrl();
        await ShowViewAsync();
    }

    private async Task GoToPageAsync(int page)
    {
        _page = page;
        KeepViewInUrl();
        await ShowViewAsync();
    }

    private async Task SetPageSizeAsync(int size)
    {
        _page = _page * _size / size; // keep the first row shown on the page shown
        _size = size;
        KeepViewInUrl();
        await ShowViewAsync();
    }

    private Task OnSearchInput(ChangeEventArgs e) => SearchAsync(e.Value as string);

    /// <summary>Every keystroke arrives here; the table follows once typing pauses.</summary>
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
        _page = 0;
        KeepViewInUrl();
        await ShowViewAsync();
    }

    private Task OnStatusChosen(ChangeEventArgs e) => FilterByStatusAsync(StatusFilter.FromWireName(e.Value as string));

    private async Task FilterByStatusAsync(StatusFilter? status)
    {
        _status = status;
        _page = 0;
        KeepViewInUrl();
        await ShowViewAsync();
    }

    private async Task ToggleGroupAsync(ChangeEventArgs e)
    {
        _byServer = e.Value is true;
        _page = 0;
        KeepViewInUrl();
        await ShowViewAsync();
    }

    private async Task ClearServerAsync()
    {
        _server = null;
        _page = 0;
        KeepViewInUrl();
        await ShowViewAsync();
    }

    private async Task ClearTagAsync()
    {
        _tag = null;
        _page = 0;
        KeepViewInUrl();
        await ShowViewAsync();
    }

    private void KeepViewInUrl()
    {
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["sort"] = _sort == DashboardSort.Default ? null : _sort.ToString().ToLowerInvariant(),
            ["dir"] = _sort != DashboardSort.Default && _desc ? "desc" : null,
            ["q"] = _search,
            ["status"] = _status?.WireName,
            ["tag"] = _tag,
            ["server"] = _server,
            ["group"] = _byServer ? "server" : null,
            ["page"] = _page > 0 ? _page + 1 : null,
            ["size"] = _size != TablePager.DefaultSize ? _size : null,
        });
        if (uri == Navigation.Uri) return;
        _urlSeen = uri;
        Navigation.NavigateTo(uri, replace: true);
    }

    private string? AriaSort(DashboardSort column) =>
        _sort != column ? null : _desc ? "descending" : "ascending";

    private string Arrow(DashboardSort column) => _sort != column ? "" : _desc ? "▼" : "▲";

    /// <summary>
    /// The rows as the page keeps them: each one's HTML, and its server for the group headings. A circuit holds the page
    /// for as long as it is open, so it keeps this, not the scripts. A row whose HTML did not change since the last
    /// refresh gets the same string again, so the two render trees a circuit keeps (current and previous) share one copy
    /// instead of holding one each.
    /// </summary>
    private ShownRow[] Show(IReadOnlyList<DashboardRow> rows)
    {
        var shown = new Dictionary<long, string>(rows.Count);
        var result = new ShownRow[rows.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var row = rows[i];
            var html = RowMarkup.Row(row, _now, _zone, IsChanged(row.Id)).Value;
            if (_rowHtml.TryGetValue(row.Id, out var last) && last == html) html = last;
            else _rowsRewritten = true;
            result[i] = new ShownRow(row.Server, new MarkupString(shown[row.Id] = html));
        }
        _rowHtml = shown;
        return result;
    }

    private readonly record struct ShownRow(string Server, MarkupString Html);

    private bool IsChanged(long id) => _changedAt.TryGetValue(id, out var at) && _now - at < HighlightFor;

    private void ForgetOldHighlights(DateTime now)
    {
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
