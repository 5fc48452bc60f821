using Bunit;
using MudBlazor.Services;
using Scripto.Core.Scripts;
using Scripto.Web.Components.ScriptDetail;

namespace Scripto.Tests.Components;

/// <summary>The script page's "Failures in a row" and "Good runs to resolve": a number out of range is named, never changed into another.</summary>
public sealed class AlertThresholdsEditorTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();
    private readonly List<AlertThresholds> _saved = [];

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<AlertThresholdsEditor> Render() => _ctx.Render<AlertThresholdsEditor>(p => p
        .Add(c => c.Script, new Script { Name = "backup.sh", FailureThreshold = 3 })
        .Add(c => c.OnSave, thresholds => _saved.Add(thresholds)));

    [Fact]
    public void Zero_failures_in_a_row_is_refused_with_a_message_and_nothing_is_saved()
    {
        var cut = Render();

        cut.Find(".scripto-failures input").Change("0");
        cut.Find(".scripto-save-thresholds").Click();

        Assert.Contains("Failures in a row must be a whole number from 1 to 100", cut.Find(".scripto-error").TextContent);
        Assert.Empty(_saved);
    }

    [Fact]
    public void A_number_in_range_is_saved_as_typed()
    {
        var cut = Render();

        cut.Find(".scripto-failures input").Change("5");
        cut.Find(".scripto-save-thresholds").Click();

        Assert.Equal(new AlertThresholds(5, 1), Assert.Single(_saved));
    }
}
