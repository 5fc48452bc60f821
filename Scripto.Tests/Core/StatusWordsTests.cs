using Scripto.Core.Reading;
using Scripto.Core.Scripts;

namespace Scripto.Tests.Core;

/// <summary>One vocabulary: every state has one label and one wire name, and the filter means what it says.</summary>
public sealed class StatusWordsTests
{
    [Fact]
    public void Every_status_has_its_own_label_and_a_wire_name_that_reads_back()
    {
        var statuses = Enum.GetValues<ScriptStatus>();

        Assert.Equal(statuses.Length, statuses.Select(StatusWords.Label).Distinct().Count());
        Assert.All(statuses, s => Assert.Equal(s, StatusWords.FromWireName(StatusWords.WireName(s))));
    }

    [Fact]
    public void The_wire_names_old_clients_read_are_unchanged()
    {
        Assert.Equal(["failed", "down", "late", "running", "soon", "ok", "maintenance", "paused", "never"],
            Enum.GetValues<ScriptStatus>().Select(StatusWords.WireName));
    }

    [Fact]
    public void A_flip_and_a_run_use_the_chips_words()
    {
        Assert.Equal(StatusWords.Label(ScriptStatus.Ok), StatusWords.Label(FlipState.Up));
        Assert.Equal(StatusWords.Label(ScriptStatus.Failed), StatusWords.Label(FlipState.Failed));
        Assert.Equal(StatusWords.Label(ScriptStatus.Down), StatusWords.Label(FlipState.Down));
        Assert.Equal(StatusWords.Label(ScriptStatus.Ok), StatusWords.Label(Signal.Success));
        Assert.Equal(StatusWords.Label(ScriptStatus.Failed), StatusWords.Label(Signal.Failure));
    }

    [Fact]
    public void The_failed_filter_holds_failed_scripts_only_and_failing_names_both()
    {
        Assert.Equal([ScriptStatus.Failed], StatusFilter.FromWireName("failed")!.Statuses);
        Assert.Equal([ScriptStatus.Failed, ScriptStatus.Down], StatusFilter.FromWireName("failing")!.Statuses);
        Assert.Equal("Failing (failed or down)", StatusFilter.Failing.Label);
        Assert.Equal(StatusFilter.All.Count, StatusFilter.All.Select(f => f.WireName).Distinct().Count());
    }
}
