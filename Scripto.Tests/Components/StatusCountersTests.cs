using Bunit;
using MudBlazor.Services;
using Scripto.Core.Reading;
using Scripto.Web.Components.Dashboard;

namespace Scripto.Tests.Components;

/// <summary>The counters are buttons: they filter the table from the keyboard as from the mouse.</summary>
public sealed class StatusCountersTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();
    private readonly List<string?> _selected = [];

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<StatusCounters> Render() => _ctx.Render<StatusCounters>(p => p
        .Add(c => c.Counts, new StatusCounts(Failing: 2, Late: 1, OnTime: 5, NeverReported: 0))
        .Add(c => c.OnSelect, (StatusFilter? filter) => _selected.Add(filter?.WireName)));

    [Fact]
    public void Every_counter_is_a_button_so_tab_reaches_it_and_enter_or_space_presses_it()
    {
        var counters = Render().FindAll("[data-counter]");

        Assert.NotEmpty(counters);
        Assert.All(counters, c =>
        {
            Assert.Equal("BUTTON", c.TagName);
            Assert.Equal("button", c.GetAttribute("type"));
        });
    }

    [Fact]
    public void A_counter_filters_the_table_to_what_it_counts()
    {
        var cut = Render();

        cut.Find("[data-counter=failing]").Click();
        cut.Find("[data-counter=ontime]").Click();
        cut.Find("[data-counter=late]").Click();
        cut.Find("[data-counter=total]").Click();

        Assert.Equal(["failing", "ontime", "late", null], _selected);
        Assert.Equal("Failing: 2, show these", cut.Find("[data-counter=failing]").GetAttribute("aria-label"));
    }
}
