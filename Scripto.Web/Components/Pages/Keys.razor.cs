using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Scripto.Core.Keys;
using Scripto.Web.Components.Dialogs;
using Scripto.Web.Components.Live;
using Scripto.Web.Security;

namespace Scripto.Web.Components.Pages;

/// <summary>Make, list and revoke API keys. Each action checks again that the person is an admin.</summary>
public sealed partial class Keys
{
    [Inject] private ApiKeys ApiKeys { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ViewerClock Viewer { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private UserAccounts Accounts { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    private IReadOnlyList<ApiKey> _keys = [];
    private string _name = "";
    private bool _report = true, _read, _admin;
    private string? _secret, _error;
    private string? _servers, _names, _tags;

    /// <summary>Limits are for report keys; an admin key is never limited.</summary>
    private bool CanLimit => _report && !_admin;

    private Scopes Chosen => (_report ? Scopes.Report : 0) | (_read ? Scopes.Read : 0) | (_admin ? Scopes.Admin : 0);

    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private bool _live; // the circuit is up and the times are shown in the viewer's zone (nothing left to rewrite)

    protected override async Task OnInitializedAsync()
    {
        _zone = Viewer.Zone; // as the prerender knew it (scripto.js's cookie), handed on to the live page
        _live = RendererInfo.IsInteractive && Viewer.Known is not null;
        _keys = await ApiKeys.ListAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        var zone = await Viewer.CurrentAsync(); // a first visit's, or a stale cookie's corrected
        if (_live && zone == _zone) return;
        (_zone, _live) = (zone, true);
        StateHasChanged();
    }

    private async Task CreateAsync()
    {
        if (!await IsAdminAsync()) return;
        try
        {
            (_, _secret) = await ApiKeys.CreateAsync(_name, Chosen, CanLimit ? _servers : null, CanLimit ? _names : null, tags: CanLimit ? _tags : null);
        }
        catch (ArgumentException e)
        {
            (_secret, _error) = (null, e.Message.Split(" (Parameter")[0]);
            return;
        }
        (_name, _servers, _names, _tags, _error) = ("", null, null, null, null);
        _keys = await ApiKeys.ListAsync();
    }

    private async Task RevokeAsync(ApiKey key)
    {
        var confirmed = await ConfirmDestructive.AskAsync(Dialogs, "Revoke this key?",
            $"{key.Name} ({key.Prefix}…) stops working at once. This cannot be undone.", "Revoke");
        if (!confirmed || !await IsAdminAsync()) return;
        await ApiKeys.RevokeAsync(key.Id);
        _keys = await ApiKeys.ListAsync();
    }

    private async Task<bool> IsAdminAsync() => await Accounts.MayChangeAsync((await Authentication).User);
}
