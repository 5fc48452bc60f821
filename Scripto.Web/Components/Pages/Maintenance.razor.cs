using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Scripto.Core.Maintenance;
using Scripto.Core.Scripts;
using Scripto.Web.Components.Dialogs;
using Scripto.Web.Components.Live;
using Scripto.Web.Security;

namespace Scripto.Web.Components.Pages;

/// <summary>
/// Maintenance windows: current, upcoming and recent ones for everyone who reads; admins open one (one-off or
/// recurring) and end one early. Each action checks again that the person is an admin.
/// </summary>
public sealed partial class Maintenance
{
    [Inject] private MaintenanceService Windows { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ViewerClock Viewer { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private UserAccounts Accounts { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    private List<(MaintenanceWindow Window, string State)> _windows = [];
    private IReadOnlyList<FieldError> _errors = [];
    private bool _recurring;
    private string? _servers, _names, _tags, _from, _for = "1h", _cron = "0 2 * * *", _timeZone, _duration = "2h", _reason;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override Task OnInitializedAsync()
    {
        _zone = Viewer.Zone; // as the prerender knew it (scripto.js's cookie), handed on to the live page
        if (Viewer.Known is { } known) _timeZone ??= known.Id;
        return LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        var zone = await Viewer.ResolveAsync(); // at once when the prerender knew it; asked of the browser on a first visit
        if (await Viewer.RecheckAsync() is { } moved) // the cookie's zone was not the browser's
        {
            if (_timeZone == zone.Id) _timeZone = moved.Id;
            zone = moved;
        }
        _timeZone ??= zone.Id;
        if (zone == _zone) return;
        _zone = zone;
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        var now = Now;
        // Covering now first, then those to come, then those over; newest first within each.
        _windows = (await Windows.ListAsync())
            .Select(w => (Window: w, State: MaintenanceStates.Of(w, now)))
            .OrderBy(w => w.State == MaintenanceStates.Active ? 0 : w.State == MaintenanceStates.Upcoming ? 1 : 2)
            .ThenByDescending(w => w.Window.Id).ToList();
    }

    private async Task CreateAsync()
    {
        var user = (await Authentication).User;
        if (!await Accounts.MayChangeAsync(user)) return;
        if (!TryReadFrom(out var from))
        {
            _errors = [new("from", "must be a date and time such as 2026-11-27 22:00 (your time zone), or empty for now")];
            return;
        }
        var input = new MaintenanceInput
        {
            Servers = Split(_servers), Names = Split(_names), Tags = Split(_tags), Reason = _reason,
            From = _recurring ? null : from, For = _recurring ? null : _for,
            Cron = _recurring ? _cron ?? "" : null, TimeZone = _recurring ? _timeZone : null, Duration = _recurring ? _duration : null,
        };
        var result = await Windows.CreateAsync(input, new(user.Identity?.Name ?? "admin", Admin: true));
        _errors = result.Errors ?? [];
        if (result.Outcome != MaintenanceOutcome.Created) return;
        (_servers, _names, _tags, _from, _reason) = (null, null, null, null, null);
        await LoadAsync();
    }

    private async Task EndAsync(MaintenanceWindow window)
    {
        var confirmed = await ConfirmDestructive.AskAsync(Dialogs, "End this window now?",
            $"{Scope(window)}: what is still down is announced at once." + (window.Recurring ? " A recurring window ends for good." : ""), "End now");
        var user = (await Authentication).User;
        if (!confirmed || !await Accounts.MayChangeAsync(user)) return;
        await Windows.EndAsync(window.Id, new(user.Identity?.Name ?? "admin", Admin: true));
        await LoadAsync();
    }

    /// <summary>The start as typed in the viewer's zone (or with its own offset), in ISO 8601 UTC; null for now.</summary>
    private bool TryReadFrom(out string? from)
    {
        from = null;
        if (string.IsNullOrWhiteSpace(_from)) return true;
        var text = _from.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
        {
            from = withOffset.UtcDateTime.ToString("O");
            return true;
        }
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        from = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone).ToString("O");
        return true;
    }

    private static List<string> Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string Scope(MaintenanceWindow window) =>
        string.Join("; ", new[]
        {
            window.Servers.Count > 0 ? "servers " + string.Join(", ", window.Servers) : null,
            window.Names.Count > 0 ? "names " + string.Join(", ", window.Names) : null,
            window.Tags.Count > 0 ? "tags " + string.Join(", ", window.Tags) : null,
        }.OfType<string>());

    private static Color StateColor(string state) => state switch
    {
        MaintenanceStates.Active => Color.Info,
        MaintenanceStates.Upcoming => Color.Default,
        _ => Color.Default,
    };

    private static string StateLabel(string state) => state switch
    {
        MaintenanceStates.Active => "Active",
        MaintenanceStates.Upcoming => "Upcoming",
        _ => "Over",
    };
}
