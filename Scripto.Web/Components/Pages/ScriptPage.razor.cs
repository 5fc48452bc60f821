using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Scripto.Core.Keys;
using Scripto.Web.Security;
using MudBlazor;
using Scripto.Core.Changes;
using Scripto.Core.Reading;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;
using Scripto.Core.Writing;
using Scripto.Web.Components.Dialogs;
using Scripto.Web.Components.Live;
using Scripto.Web.Components.ScriptDetail;

namespace Scripto.Web.Components.Pages;

/// <summary>One script: its history, its status changes and its schedule, live. Edits go through the write path.</summary>
public sealed partial class ScriptPage
{
    [Parameter] public long Id { get; set; }

    [Inject] private ScriptQueries Queries { get; set; } = null!;
    [Inject] private TargetQueries Targets { get; set; } = null!;
    [Inject] private ScriptWriter Writer { get; set; } = null!;
    [Inject] private ScriptChangeFeed Feed { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ViewerClock Viewer { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ILogger<ScriptPage> Log { get; set; } = null!;
    [Inject] private UserAccounts Accounts { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    private ScriptDetails? _details;
    private TargetReading? _uptime;
    private bool _loaded, _deleted;
    private DateTime _now;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private FeedFollower? _following;
    private bool _live; // following the feed, and the times are in the viewer's zone (nothing left to rewrite)
    private bool _admin;

    private string Title => _details is null ? "Scripto" : $"{_details.Script.Name} · Scripto";

    protected override async Task OnParametersSetAsync()
    {
        _admin = await IsAdminAsync();
        if (_details is not null && _details.Script.Id != Id) (_details, _loaded) = (null, false); // another script's page
        await LoadAsync();
    }

    // Asked again at each change: the buttons are hidden from others, but a hidden button is no protection.
    private async Task<bool> IsAdminAsync() => await Accounts.MayChangeAsync((await Authentication).User);

    protected override void OnInitialized()
    {
        // Follow the feed before the first load, so no change in between goes unseen.
        if (RendererInfo.IsInteractive)
            _following = FeedFollower.Start(Feed, batch =>
                batch.Everything || batch.Changes.ContainsKey(Id) ? InvokeAsync(LoadAsync) : Task.CompletedTask, Log);
        _zone = Viewer.Zone; // as the prerender knew it (scripto.js's cookie), handed on to the live page
        _live = _following is not null && Viewer.Known is not null;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _following is null) return;
        var zone = await Viewer.CurrentAsync(); // a first visit's, or a stale cookie's corrected
        if (_live && zone == _zone) return;
        (_zone, _live) = (zone, true);
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        _now = Clock.GetUtcNow().UtcDateTime;
        var details = await Queries.DetailsAsync(Id);
        _uptime = details is null ? null : await Targets.ReadAsync(Target.OfScript(Id), withHistory: true);
        _deleted = _details is not null && details is null;
        var neverWas = details is null && !_deleted && !_loaded;
        _details = details;
        _loaded = true;
        // An id that holds no script: HTTP 404 on the first render of the request, and the Router's NotFoundPage in this
        // page's place, live too. A script deleted while its page is open stays here and says so.
        if (neverWas) Navigation.NotFound();
        StateHasChanged();
    }

    private async Task SaveScheduleAsync(Schedule schedule)
    {
        if (!await IsAdminAsync()) return;
        var result = await Writer.UpdateAsync(Id, new ScriptChanges { Schedule = schedule });
        if (result.Outcome == WriteOutcome.Updated) Snackbar.Add($"Schedule saved: {schedule.Describe()}", Severity.Success);
        await LoadAsync();
    }

    private async Task SaveThresholdsAsync(AlertThresholds thresholds)
    {
        if (!await IsAdminAsync()) return;
        var result = await Writer.UpdateAsync(Id, new ScriptChanges { FailureThreshold = thresholds.Failures!.Value, RecoveryThreshold = thresholds.Recoveries!.Value });
        if (result.Outcome == WriteOutcome.Updated)
            Snackbar.Add($"Notifications after {thresholds.Failures} failed run(s), resolved after {thresholds.Recoveries} good one(s)", Severity.Success);
        await LoadAsync();
    }

    private async Task SaveRuntimeAsync(RuntimeLimits limits)
    {
        if (!await IsAdminAsync()) return;
        var result = await Writer.UpdateAsync(Id, new ScriptChanges { Runtime = limits });
        if (result.Outcome == WriteOutcome.Updated) Snackbar.Add("Runtime limits saved", Severity.Success);
        await LoadAsync();
    }

    private async Task SaveTagsAsync(IReadOnlyList<string> tags)
    {
        if (!await IsAdminAsync()) return;
        var result = await Writer.UpdateAsync(Id, new ScriptChanges { Tags = new(true, tags) });
        if (result.Outcome == WriteOutcome.Updated)
            Snackbar.Add(tags.Count == 0 ? "No tags" : $"Tagged {string.Join(", ", tags)}", Severity.Success);
        await LoadAsync();
    }

    private async Task SaveHeartbeatAsync(bool heartbeat)
    {
        if (!await IsAdminAsync()) return;
        var result = await Writer.UpdateAsync(Id, new ScriptChanges { Heartbeat = heartbeat });
        if (result.Outcome == WriteOutcome.Updated)
            Snackbar.Add(heartbeat ? "The server's heartbeat: while it is down, the server is silent" : "No longer the server's heartbeat", Severity.Success);
        await LoadAsync();
    }

    /// <summary>A badge may show this script or one of its tags.</summary>
    private static IReadOnlyList<Target> BadgeTargets(Script script) =>
        [Target.OfScript(script.Id), .. ScriptTags.Split(script.Tags).Select(Target.OfTag)];

    private Task ShowRunAsync(Run run) => RunDialog.ShowAsync(Dialogs, run, _zone);

    private async Task SetPausedAsync(bool paused)
    {
        if (!await IsAdminAsync()) return;
        await Writer.UpdateAsync(Id, new ScriptChanges { Paused = paused });
        await LoadAsync();
    }

    private async Task DeleteAsync()
    {
        var confirmed = await ConfirmDestructive.AskAsync(Dialogs, "Delete this script?",
            $"{_details?.Script.Name} and its whole history will be deleted. This cannot be undone.", "Delete");
        if (!confirmed || !await IsAdminAsync()) return;
        await Writer.DeleteAsync(Id);
        Navigation.NavigateTo("/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_following is not null) await _following.DisposeAsync();
    }
}
