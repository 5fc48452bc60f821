using Scripto.Core.Notifications.Grouping;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Tests.Notifications;

/// <summary>When a server is silent, as a pure function of its scripts (unsaved) and the clock.</summary>
public sealed class ServerSilenceRuleTests
{
    private static readonly DateTime T0 = new(2026, 11, 26, 1, 0, 0, DateTimeKind.Utc);

    private static Script Reported(string name, TimeSpan grace, DateTime at, string server = "db-1", bool heartbeat = false)
    {
        var script = new Script { Name = name, Server = server, Heartbeat = heartbeat, Schedule = Schedule.Every(TimeSpan.FromHours(1), grace) };
        script.Report(new ScriptReport(Signal.Success), at);
        return script;
    }

    [Fact]
    public void Two_scripts_due_since_the_last_report_make_it_silent_once_the_longest_grace_has_passed()
    {
        Script[] scripts = [Reported("a", TimeSpan.FromMinutes(5), T0), Reported("b", TimeSpan.FromMinutes(20), T0)];

        Assert.Null(ServerSilence.Of(scripts, T0.AddMinutes(66))); // a is down, b only late: wait for b's grace
        var quiet = ServerSilence.Of(scripts, T0.AddMinutes(80));

        Assert.Equal((T0.AddMinutes(80), T0, null), (quiet!.Since, quiet.LastReport, quiet.Heartbeat));
    }

    [Fact]
    public void One_script_due_alone_or_a_server_that_reported_since_is_not_silent()
    {
        Assert.Null(ServerSilence.Of([Reported("a", TimeSpan.FromMinutes(5), T0)], T0.AddHours(3)));
        Script[] spoke = [Reported("a", TimeSpan.FromMinutes(5), T0), Reported("b", TimeSpan.FromMinutes(5), T0), Reported("c", TimeSpan.FromMinutes(5), T0.AddMinutes(61))];
        Assert.Null(ServerSilence.Of(spoke, T0.AddMinutes(70)));
    }

    [Fact]
    public void Paused_scripts_and_scripts_without_a_server_do_not_count()
    {
        var paused = Reported("b", TimeSpan.FromMinutes(5), T0);
        paused.Pause();
        Assert.Null(ServerSilence.Of([Reported("a", TimeSpan.FromMinutes(5), T0), paused], T0.AddHours(2)));
        Assert.Null(ServerSilence.Of([Reported("a", TimeSpan.FromMinutes(5), T0, ""), Reported("b", TimeSpan.FromMinutes(5), T0, "")], T0.AddHours(2)));
    }

    [Fact]
    public void A_down_heartbeat_makes_it_silent_at_once_and_it_speaks_when_the_heartbeat_is_up_again()
    {
        var beat = new Script { Name = "alive", Server = "db-1", Heartbeat = true, Schedule = Schedule.Every(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)) };
        beat.Report(new ScriptReport(Signal.Success), T0);
        Script[] scripts = [beat, Reported("job", TimeSpan.FromMinutes(5), T0)];

        Assert.Null(ServerSilence.Of(scripts, T0.AddMinutes(5.5)));
        var quiet = ServerSilence.Of(scripts, T0.AddMinutes(6))!;
        Assert.Equal((T0.AddMinutes(6), "alive"), (quiet.Since, quiet.Heartbeat));

        var silent = new SilentServer("db-1", quiet.Since, quiet.LastReport, quiet.Heartbeat);
        scripts[1].Report(new ScriptReport(Signal.Success), T0.AddMinutes(7)); // another script speaks: the heartbeat decides
        Assert.False(ServerSilence.Spoke(silent, scripts, T0.AddMinutes(7)));
        beat.Report(new ScriptReport(Signal.Success), T0.AddMinutes(8));
        Assert.True(ServerSilence.Spoke(silent, scripts, T0.AddMinutes(8)));
    }
}
