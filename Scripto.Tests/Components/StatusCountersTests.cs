using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Services;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Web.Components.Dashboard;

namespace Scripto.Tests.Components;

/// <summary>The counters filter the table from the keyboard as from the mouse.</summary>
public sealed class StatusCountersTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();
    private readonly List<ScriptStatus?> _selected = [];

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<StatusCounters> Render() => _ctx.Render<StatusCounters>(p => p
        .Add(c => c.Counts, new StatusCounts(Failing: 2, Late: 1, Ok: 5, NeverReported: 0))
        .Add(c => c.OnSelect, (ScriptStatus? status) => _selected.Add(status)));

    [Fact]
    public void Every_counter_is_reachable_with_tab_and_announced_as_a_button()
    {
        var counters = Render().FindAll("[data-counter]");

        Assert.NotEmpty(counters);
        Assert.All(counters, c =>
        {
            Assert.Equal("0", c.GetAttribute("tabindex"));
            Assert.Equal("button", c.GetAttribute("role"));
        });
    }

    [Fact]
    public void Enter_or_space_on_a_counter_filters_as_a_click_does()
    {
        var cut = Render();

        cut.Find("[data-counter=late]").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.Find("[data-counter=total]").KeyDown(new KeyboardEventArgs { Key = " " });
        cut.Find("[data-counter=ok]").KeyDown(new KeyboardEventArgs { Key = "a" });

        Assert.Equal([ScriptStatus.Late, null], _selected);
    }
}
