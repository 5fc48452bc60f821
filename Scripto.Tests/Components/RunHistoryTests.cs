using Bunit;
using MudBlazor.Services;
using Scripto.Core.Scripts;
using Scripto.Web.Components.ScriptDetail;

namespace Scripto.Tests.Components;

/// <summary>The runs table flags a run that took far longer or shorter than usual.</summary>
public sealed class RunHistoryTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void A_run_far_shorter_than_usual_is_flagged_in_its_row_and_only_there()
    {
        var start = new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc);
        var runs = Enumerable.Range(1, 21)
            .Select(i => new Run { Id = i, At = start.AddDays(i), Signal = Signal.Success, DurationMs = i == 21 ? 15 * 60_000 : 50 * 60_000 })
            .Reverse().ToList();

        var cut = _ctx.Render<RunHistory>(p => p.Add(c => c.Runs, runs).Add(c => c.Now, start.AddDays(30)));

        var flagged = cut.FindAll(".scripto-anomaly");
        Assert.Single(flagged);
        Assert.Contains("1/3.3 of the usual duration", flagged[0].TextContent);
        Assert.Equal("21", flagged[0].Closest("tr")!.GetAttribute("data-run-id"));
    }
}
