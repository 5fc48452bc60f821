using Bunit;
using MudBlazor.Services;
using Scripto.Core.Scripts;
using Scripto.Web.Components.ScriptDetail;

namespace Scripto.Tests.Components;

/// <summary>The script page's runtime limits: shown in the interval form, saved parsed (empty clears), bad input named.</summary>
public sealed class RuntimeLimitsEditorTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();
    private readonly List<RuntimeLimits> _saved = [];

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<RuntimeLimitsEditor> Render() => _ctx.Render<RuntimeLimitsEditor>(p => p
        .Add(c => c.Script, new Script { Name = "backup.sh", MaxRuntimeSeconds = 1800 })
        .Add(c => c.OnSave, limits => _saved.Add(limits)));

    [Fact]
    public void The_stored_limit_shows_and_new_ones_are_saved_an_empty_field_clearing()
    {
        var cut = Render();
        Assert.Equal("30m", cut.Find(".scripto-max-runtime input").GetAttribute("value"));

        cut.Find(".scripto-max-runtime input").Change("");
        cut.Find(".scripto-min-runtime input").Change("90s");
        cut.Find(".scripto-save-runtime").Click();

        var saved = Assert.Single(_saved);
        Assert.Equal((true, (TimeSpan?)null), (saved.Max.IsPresent, saved.Max.Value));
        Assert.Equal(TimeSpan.FromSeconds(90), saved.Min.Value);
    }

    [Fact]
    public void A_minimum_not_below_the_maximum_is_named_and_nothing_is_saved()
    {
        var cut = Render();

        cut.Find(".scripto-min-runtime input").Change("1h");
        cut.Find(".scripto-save-runtime").Click();

        Assert.Contains("min_runtime must be shorter than max_runtime", cut.Find(".scripto-error").TextContent);
        Assert.Empty(_saved);
    }
}
