using System.Globalization;
using Bunit;
using MudBlazor.Services;
using Scripto.Core.Scripts;
using Scripto.Web.Components.ScriptDetail;

namespace Scripto.Tests.Components;

/// <summary>The durations chart stays readable at a full history of 100 runs, marks failures, and opens a run on click.</summary>
public sealed class DurationChartTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 11, 1, 2, 30, 0, DateTimeKind.Utc);
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    /// <summary>100 hourly runs, newest first as the page has them; every tenth failed.</summary>
    private static List<Run> HundredRuns() => Enumerable.Range(0, 100).Select(i => new Run
    {
        Id = i + 1,
        At = Start.AddHours(i),
        Signal = i % 10 == 9 ? Signal.Failure : Signal.Success,
        DurationMs = 60_000 + i * 1_000,
    }).Reverse().ToList();

    private IRenderedComponent<DurationChart> Render(List<Run> runs, Action<Run>? selected = null) =>
        _ctx.Render<DurationChart>(p => p.Add(c => c.Runs, runs).Add(c => c.OnSelect, (Run run) => selected?.Invoke(run)));

    [Fact]
    public void At_100_runs_every_run_is_a_point_under_five_time_labels()
    {
        var cut = Render(HundredRuns());

        Assert.Equal(100, cut.FindAll(".scripto-point").Count);
        var labels = cut.FindAll(".scripto-time-tick").Select(t => t.TextContent).ToList();
        Assert.Equal(5, labels.Count);
        Assert.Equal("Sun 02:30", labels[0]); // 99 hours: a weekday and a time
        Assert.Equal("Thu 05:30", labels[^1]);
    }

    [Fact]
    public void Points_sit_on_a_time_axis_so_an_uneven_gap_shows()
    {
        var runs = new List<Run>
        {
            new() { Id = 3, At = Start.AddHours(10), Signal = Signal.Success, DurationMs = 1000 },
            new() { Id = 2, At = Start.AddHours(1), Signal = Signal.Success, DurationMs = 1000 },
            new() { Id = 1, At = Start, Signal = Signal.Success, DurationMs = 1000 },
        };

        var left = Render(runs).FindAll(".scripto-point").Select(p => p.GetAttribute("style")!.Split(';')[0]).ToList();

        Assert.Equal(["left: 0%", "left: 10%", "left: 100%"], left);
    }

    [Fact]
    public void Failed_runs_are_drawn_in_red()
    {
        var cut = Render(HundredRuns());

        var failed = cut.FindAll(".scripto-point-failed").Select(p => long.Parse(p.GetAttribute("data-run-id")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i * 10), failed);
    }

    [Fact]
    public void A_click_on_a_point_asks_for_that_run()
    {
        Run? selected = null;
        var cut = Render(HundredRuns(), run => selected = run);

        cut.Find(".scripto-point[data-run-id='42']").Click();

        Assert.Equal(42, selected?.Id);
    }
}
