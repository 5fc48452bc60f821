using Microsoft.AspNetCore.Components;
using Scripto.Core.Changes;
using Scripto.Core.Reading;
using Scripto.Web.Components.Live;

namespace Scripto.Web.Components.Pages;

/// <summary>
/// The server view: one row per server with its scripts counted by state and a strip of their chips, worst first,
/// servers in trouble on top. Live like the dashboard: it re-reads when the change feed says something changed (the
/// time ticker speaks on it too, so a script turning late with no report shows).
/// </summary>
public sealed partial class Servers
{
    [Inject] private ServerQueries Queries { get; set; } = null!;
    [Inject] private ScriptChangeFeed Feed { get; set; } = null!;
    [Inject] private ILogger<Servers> Log { get; set; } = null!;

    private IReadOnlyList<ServerSummary> _servers = [];
    private bool _loaded;
    private string? _badgesOf;
    private FeedFollower? _following;
    private readonly CancellationTokenSource _stop = new();

    internal string Title => _servers.Sum(s => s.Counts.Failing) is > 0 and var failing ? $"({failing}) Servers · Scripto" : "Servers · Scripto";

    /// <summary>The dashboard, narrowed to one server.</summary>
    internal static string ServerUrl(string server) => $"/?server={Uri.EscapeDataString(server)}";

    /// <summary>Opens (or closes) the badges of one server under its row.</summary>
    private void ToggleBadges(string server) => _badgesOf = _badgesOf == server ? null : server;

    protected override void OnInitialized()
    {
        if (!RendererInfo.IsInteractive) return;
        _following = FeedFollower.Start(Feed, _ => InvokeAsync(RefreshAsync), Log);
    }

    protected override Task OnParametersSetAsync() => RefreshAsync();

    private async Task RefreshAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _servers = await Queries.ServersAsync(_stop.Token);
        _loaded = true;
        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_following is not null) await _following.DisposeAsync();
        _stop.Dispose();
    }
}
