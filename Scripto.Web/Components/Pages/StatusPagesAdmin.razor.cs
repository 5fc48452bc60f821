using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;
using Scripto.Web.Components.Dialogs;
using Scripto.Web.Security;
using Scripto.Web.Sharing;

namespace Scripto.Web.Components.Pages;

/// <summary>Admins make, change and delete the public status pages here; each change shows at the page's next request.</summary>
public sealed partial class StatusPagesAdmin
{
    [Inject] private StatusPages Pages { get; set; } = null!;
    [Inject] private StatusPageEndpoint Public { get; set; } = null!;
    [Inject] private UserAccounts Accounts { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    private IReadOnlyList<StatusPage> _pages = [];
    private bool _loaded;
    private StatusPage? _editing;
    private string? _slug, _title, _tags, _servers;
    private IReadOnlyList<FieldError> _errors = [];

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _pages = await Pages.ListAsync();
        _loaded = true;
    }

    private string? Error(string field) => _errors.FirstOrDefault(e => e.Field == field)?.Message;

    private async Task<bool> MayChangeAsync() => await Accounts.MayChangeAsync((await Authentication).User);

    private void Edit(StatusPage page)
    {
        _editing = page;
        _slug = page.Slug;
        _title = page.Title;
        _tags = string.Join(", ", page.Targets.Where(t => t.Kind == TargetKind.Tag).Select(t => t.Value));
        _servers = string.Join(", ", page.Targets.Where(t => t.Kind == TargetKind.Server).Select(t => t.Value));
        _errors = [];
    }

    private void Clear()
    {
        _editing = null;
        _slug = _title = _tags = _servers = null;
        _errors = [];
    }

    private async Task SaveAsync()
    {
        if (!await MayChangeAsync()) return;
        var input = new StatusPageInput(_slug, _title, StatusPageInput.ListOf(_tags), StatusPageInput.ListOf(_servers));
        var (page, errors) = await Pages.SaveAsync(_editing?.Id, input);
        _errors = errors;
        if (page is null) return;
        if (_editing is not null) Public.Forget(_editing.Slug);
        Public.Forget(page.Slug);
        Snackbar.Add($"Saved: /status/{page.Slug}", Severity.Success);
        Clear();
        await LoadAsync();
    }

    private async Task DeleteAsync(StatusPage page)
    {
        var confirmed = await ConfirmDestructive.AskAsync(Dialogs, "Delete this status page?",
            $"/status/{page.Slug} answers 404 from now on.", "Delete");
        if (!confirmed || !await MayChangeAsync()) return;
        await Pages.DeleteAsync(page.Id);
        Public.Forget(page.Slug);
        if (_editing?.Id == page.Id) Clear();
        await LoadAsync();
    }
}
