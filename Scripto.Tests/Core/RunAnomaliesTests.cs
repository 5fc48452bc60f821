using Scripto.Core.Scripts;

namespace Scripto.Tests.Core;

/// <summary>A run more than 3× longer or shorter than the median of the 20 timed runs before it is an anomaly.</summary>
public sealed class RunAnomaliesTests
{
    private static readonly DateTime Start = new(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>Runs a day apart, newest first as the page has them, with these durations in minutes (oldest first).</summary>
    private static List<Run> Runs(params double[] minutes) =>
        minutes.Select((m, i) => new Run { Id = i + 1, At = Start.AddDays(i), Signal = Signal.Success, DurationMs = (long)(m * 60_000) })
            .Reverse().ToList();

    private static double[] Usual(int count) => Enumerable.Range(0, count).Select(i => 48.0 + i % 5).ToArray();

    [Fact]
    public void The_21st_run_that_took_15_minutes_instead_of_50_is_flagged()
    {
        var found = RunAnomalies.Find(Runs([.. Usual(20), 15]));

        var (id, ratio) = Assert.Single(found);
        Assert.Equal(21, id);
        Assert.Equal("1/3.3 of the usual duration", RunAnomalies.Describe(ratio));
    }

    [Fact]
    public void A_run_three_and_a_half_times_longer_is_flagged_and_ordinary_ones_are_not()
    {
        var found = RunAnomalies.Find(Runs([.. Usual(20), 50, 175, 49]));

        Assert.Equal([22], found.Keys);
        Assert.Equal("3.5× the usual duration", RunAnomalies.Describe(found[22]));
    }

    [Fact]
    public void Before_twenty_timed_runs_nothing_is_judged_and_untimed_runs_do_not_count()
    {
        Assert.Empty(RunAnomalies.Find(Runs([.. Usual(19), 5])));

        var withUntimed = Runs([.. Usual(19), 5]);
        withUntimed.Insert(5, new Run { Id = 99, At = Start, Signal = Signal.Success });
        Assert.Empty(RunAnomalies.Find(withUntimed));
    }
}
