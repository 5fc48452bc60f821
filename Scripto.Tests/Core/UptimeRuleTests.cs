using Scripto.Core.Scripts;
using Scripto.Core.Uptime;

namespace Scripto.Tests.Core;

/// <summary>A new recorded state must say what its time counts for (one line in UptimeRule), or uptime could not be measured.</summary>
public sealed class UptimeRuleTests
{
    [Fact]
    public void Every_recorded_state_says_what_its_time_counts_for()
    {
        foreach (var state in Enum.GetValues<FlipState>())
            Assert.True(Enum.IsDefined(UptimeRule.Of(state)), $"{state}");
        Assert.Equal(UptimeRule.Counts.Up, UptimeRule.Of(FlipState.Up));
        Assert.Equal(UptimeRule.Counts.Down, UptimeRule.Of(FlipState.Failed));
        Assert.Equal(UptimeRule.Counts.Down, UptimeRule.Of(FlipState.Down));
        Assert.Equal(UptimeRule.Counts.NotWatched, UptimeRule.Of(FlipState.Paused));
        Assert.Equal(UptimeRule.Counts.NotWatched, UptimeRule.Of(FlipState.New));
    }
}
