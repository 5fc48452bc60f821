using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Scripto.Web.Components.Dialogs;
using Scripto.Web.Security;

namespace Scripto.Web.Components.Pages;

/// <summary>Add, list, change and delete the people who sign in. Each action checks again that the person is an admin.</summary>
public sealed partial class Users
{
    [Inject] private UserAccounts Accounts { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    private IReadOnlyList<UserAccount> _users = [];
    private string _name = "", _password = "";
    private UserRole _role = UserRole.Viewer;
    private string? _error, _me;

    protected override async Task OnInitializedAsync()
    {
        _me = (await Authentication).User.HasClaim("scripto:kind", "user") ? (await Authentication).User.Identity?.Name : null;
        _users = await Accounts.ListAsync();
    }

    private async Task CreateAsync()
    {
        if (!await IsAdminAsync()) return;
        var result = await Accounts.CreateAsync(_name, _password, _role);
        _error = result.Error;
        if (result.Succeeded)
        {
            Snackbar.Add($"{_name.Trim()} can sign in, as {_role.Name()}", Severity.Success);
            (_name, _password) = ("", "");
        }
        _users = await Accounts.ListAsync();
    }

    private async Task SetRoleAsync(UserAccount user, UserRole role)
    {
        if (!await IsAdminAsync()) return;
        Report(await Accounts.SetRoleAsync(user.Id, role), $"{user.Name} is now {role.Name()}");
        _users = await Accounts.ListAsync();
    }

    private async Task ResetPasswordAsync(UserAccount user)
    {
        if (await NewPasswordDialog.AskAsync(Dialogs, user.Name) is not { } password || !await IsAdminAsync()) return;
        Report(await Accounts.ResetPasswordAsync(user.Id, password), $"{user.Name}'s password is changed");
    }

    private async Task DeleteAsync(UserAccount user)
    {
        var confirmed = await ConfirmDestructive.AskAsync(Dialogs, "Delete this user?",
            $"{user.Name} can no longer sign in, from now on. This cannot be undone.", "Delete");
        if (!confirmed || !await IsAdminAsync()) return;
        Report(await Accounts.DeleteAsync(user.Id), $"{user.Name} is deleted");
        _users = await Accounts.ListAsync();
    }

    private void Report(AccountResult result, string done) =>
        Snackbar.Add(result.Succeeded ? done : result.Error ?? "Not done.", result.Succeeded ? Severity.Success : Severity.Error);

    private async Task<bool> IsAdminAsync() => await Accounts.MayChangeAsync((await Authentication).User);
}
