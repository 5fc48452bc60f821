using Microsoft.Extensions.DependencyInjection;
using Scripto.Core.Reading;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Tests.Notifications;

namespace Scripto.Tests.Core;

/// <summary>max_runtime: a run longer than it is down at once; min_runtime: a success faster than it is "too short". A fake clock.</summary>
public sealed class RuntimeLimitTests : IAsyncLifetime
{
    private readonly NotifyCore _core = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private async Task<Script> ReportAsync(Signal signal, RuntimeLimits runtime = default)
    {
        var result = await _core.Writer.ReportAsync("backup.sh", "db-1", new ScriptReport(signal), Schedule.Every(Periodicity.Daily), runtime: runtime);
        return result.Script ?? throw new InvalidOperationException(string.Join("; ", result.Errors!));
    }

    private async Task<ScriptDetails> DetailsAsync(long id) =>
        (await _core.Provider.GetRequiredService<ScriptQueries>().DetailsAsync(id))!;

    [Fact]
    public async Task A_run_longer_than_its_max_runtime_is_down_then_not_at_the_end_of_its_grace()
    {
        await ReportAsync(Signal.Success);
        _core.Clock.Advance(TimeSpan.FromHours(1)); // a start at the instant of the last run would not be a new run
        var script = await ReportAsync(Signal.Start, new RuntimeLimits(Max: TimeSpan.FromMinutes(30)));

        _core.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(0, await _core.FlipOverdueAsync());
        _core.Clock.Advance(TimeSpan.FromMinutes(2)); // the daily schedule's grace is an hour: without the limit, nothing yet
        Assert.Equal(1, await _core.FlipOverdueAsync());

        var details = await DetailsAsync(script.Id);
        Assert.Equal(ScriptStatus.Down, details.Status);
        Assert.Matches(@"^run started at .* UTC ran longer than its max runtime of 30m$", details.Flips[0].Reason);
        Assert.Equal(1, _core.Count("SELECT count(*) FROM alert_events WHERE down = 1 AND reason LIKE '%max runtime%'"));
    }

    [Fact]
    public async Task A_success_faster_than_its_min_runtime_is_failed_too_short_and_a_long_enough_one_recovers()
    {
        await ReportAsync(Signal.Success, new RuntimeLimits(Min: TimeSpan.FromMinutes(1)));
        _core.Clock.Advance(TimeSpan.FromHours(1));
        await ReportAsync(Signal.Start);
        _core.Clock.Advance(TimeSpan.FromSeconds(3));
        var script = await ReportAsync(Signal.Success);

        var details = await DetailsAsync(script.Id);
        Assert.Equal(ScriptStatus.Failed, details.Status);
        Assert.Equal("too short: ran 3s, less than its minimum runtime of 1m", details.Flips[0].Reason);
        Assert.Equal(1, _core.Count("SELECT count(*) FROM alert_events WHERE down = 1 AND reason LIKE 'too short%'"));

        await ReportAsync(Signal.Start);
        _core.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(ScriptStatus.Ok, (await DetailsAsync((await ReportAsync(Signal.Success)).Id)).Status);
    }

    [Fact]
    public async Task Off_clears_a_limit_and_a_minimum_at_or_above_the_maximum_is_refused()
    {
        var limited = await ReportAsync(Signal.Success, new RuntimeLimits(TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(10)));
        Assert.Equal((1800L, 10L), (limited.MaxRuntimeSeconds, limited.MinRuntimeSeconds));

        var cleared = await ReportAsync(Signal.Success, new RuntimeLimits(Max: new(true, null)));
        Assert.Equal((null, 10L), (cleared.MaxRuntimeSeconds, cleared.MinRuntimeSeconds));

        var refused = await _core.Writer.ReportAsync("backup.sh", "db-1", new ScriptReport(Signal.Success),
            runtime: new RuntimeLimits(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)));
        Assert.Equal("min_runtime", Assert.Single(refused.Errors!).Field);
    }
}
