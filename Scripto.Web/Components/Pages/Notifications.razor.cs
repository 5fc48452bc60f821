using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Scripto.Core.Keys;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Scripts;
using Scripto.Web.Components.Dialogs;
using Scripto.Web.Components.Live;
using Scripto.Web.Components.Notifications;
using Scripto.Web.Security;

namespace Scripto.Web.Components.Pages;

/// <summary>
/// Channels with their state, their form, a test message and each one's delivery log. Every change goes through the
/// <see cref="ChannelService"/> (the API's rules), and each action checks again that the person is an admin.
/// </summary>
public sealed partial class Notifications : IDisposable
{
    /// <summary>After "send a test message", how long the page watches for the attempt the dispatcher records.</summary>
    private static readonly TimeSpan WatchTest = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan WatchStep = TimeSpan.FromMilliseconds(250);

    [Inject] private ChannelService Channels { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ViewerClock Viewer { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private UserAccounts Accounts { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    private readonly CancellationTokenSource _closing = new();
    private IReadOnlyList<ChannelView> _channels = [];
    private IReadOnlyList<DeliveryAttempt> _attempts = [];
    private long? _selected;
    private ChannelFormModel? _form;
    private IReadOnlyList<FieldError> _errors = [];
    private bool _saving;
    private string? _notice;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    private ChannelView? Selected => _channels.FirstOrDefault(c => c.Id == _selected);

    protected override Task OnInitializedAsync()
    {
        _zone = Viewer.Zone; // as the prerender knew it (scripto.js's cookie), handed on to the live page
        return ReloadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        var zone = await Viewer.CurrentAsync(); // the prerender's, else (a first visit, a stale cookie) the browser's
        if (zone == _zone) return;
        _zone = zone;
        StateHasChanged();
    }

    private async Task ReloadAsync()
    {
        _channels = await Channels.ListAsync(_closing.Token);
        if (Selected is null) _selected = _channels.FirstOrDefault()?.Id;
        _attempts = _selected is { } id ? await Channels.AttemptsAsync(id, _closing.Token) : [];
    }

    private void NewChannel()
    {
        _form = new ChannelFormModel();
        _errors = [];
    }

    private void Edit(ChannelView channel)
    {
        _form = ChannelFormModel.From(channel);
        _errors = [];
    }

    private void CloseForm()
    {
        _form = null;
        _errors = [];
    }

    private async Task SaveAsync()
    {
        if (_form is null || !await IsAdminAsync()) return;
        _saving = true;
        try
        {
            var input = _form.ToInput();
            var result = _form.Id is { } id ? await Channels.UpdateAsync(id, input) : await Channels.CreateAsync(input);
            switch (result.Outcome)
            {
                case ChannelOutcome.Invalid:
                    _errors = result.Errors ?? [];
                    return;
                case ChannelOutcome.NotFound:
                    _errors = [new FieldError("", "This channel was deleted meanwhile.")];
                    return;
            }
            _form = null;
            _errors = [];
            _selected = result.Channel!.Id;
            _notice = null;
            await ReloadAsync();
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task DeleteAsync(ChannelView channel)
    {
        var confirmed = await ConfirmDestructive.AskAsync(Dialogs, "Delete this channel?",
            $"{channel.Name} stops receiving messages, and what waits for it is dropped. This cannot be undone.", "Delete");
        if (!confirmed || !await IsAdminAsync()) return;
        await Channels.DeleteAsync(channel.Id);
        if (_form?.Id == channel.Id) CloseForm();
        await ReloadAsync();
    }

    private async Task ShowLogAsync(ChannelView channel)
    {
        _selected = channel.Id;
        _notice = null;
        await ReloadAsync();
    }

    /// <summary>Queues a test message, then shows the attempt once the dispatcher has made it.</summary>
    private async Task SendTestAsync(ChannelView channel)
    {
        if (!await IsAdminAsync()) return;
        var before = (await Channels.AttemptsAsync(channel.Id)).FirstOrDefault()?.Id;
        if (!await Channels.SendTestAsync(channel.Id))
        {
            await ReloadAsync();
            return;
        }
        _selected = channel.Id;
        _notice = $"Test message to {channel.Name} queued…";
        await ReloadAsync();
        StateHasChanged();

        // How long a person waits is real time, not the scripts' clock (a test's may stand still): a timeout, not a
        // deadline read from a clock.
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        watching.CancelAfter(WatchTest);
        try
        {
            while (true)
            {
                await Task.Delay(WatchStep, watching.Token);
                var latest = (await Channels.AttemptsAsync(channel.Id, watching.Token)).FirstOrDefault();
                if (latest is null || latest.Id == before || latest.Event != "test") continue;
                _notice = latest.Outcome == DeliveryOutcomes.Sent
                    ? $"Test message delivered to {channel.Name}."
                    : $"Test message to {channel.Name}: {latest.Outcome} ({latest.Error ?? latest.StatusCode?.ToString()}).";
                break;
            }
            await ReloadAsync();
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // The page was left.
        }
        catch (OperationCanceledException) when (watching.IsCancellationRequested)
        {
            await ReloadAsync(); // the dispatcher made no attempt in time: show what there is
        }
    }

    private async Task<bool> IsAdminAsync() => await Accounts.MayChangeAsync((await Authentication).User);

    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
    }
}
