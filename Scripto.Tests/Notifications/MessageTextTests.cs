using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Formats;

namespace Scripto.Tests.Notifications;

/// <summary>The title line and the wording that every channel kind shares.</summary>
public sealed class MessageTextTests
{
    [Fact]
    public void A_group_of_several_down_scripts_is_titled_with_their_count_and_server()
    {
        Assert.Equal("[Scripto] DOWN: 2 scripts on db-1", MessageText.Title(SampleMessages.Down));
    }

    [Fact]
    public void A_single_down_script_is_titled_with_its_name_and_server()
    {
        Assert.Equal("[Scripto] DOWN: backup.sh on db-1", MessageText.Title(SampleMessages.Down with { Scripts = [SampleMessages.Backup] }));
    }

    [Fact]
    public void Without_grouping_by_server_the_title_counts_scripts_only()
    {
        Assert.Equal("[Scripto] DOWN: 2 scripts", MessageText.Title(SampleMessages.Down with { GroupBy = "none", GroupKey = "" }));
    }

    [Fact]
    public void Each_event_has_its_own_title()
    {
        Assert.Equal("[Scripto] RESOLVED: db-1", MessageText.Title(SampleMessages.Resolved));
        Assert.Equal("[Scripto] STILL DOWN: 2 scripts on db-1", MessageText.Title(SampleMessages.Down with { Event = NotificationEvent.Reminder }));
        Assert.Equal("[Scripto] FLAPPING: 2 scripts on db-1", MessageText.Title(SampleMessages.Down with { Event = NotificationEvent.Flapping }));
        Assert.Equal("[Scripto] TEST: ops", MessageText.Title(SampleMessages.Test));
    }

    [Fact]
    public void A_silent_server_is_one_line_saying_how_many_scripts_it_affects_and_its_end_says_what_is_still_down()
    {
        var silent = SampleMessages.Down with { Event = NotificationEvent.Silent, Server = "db-1" };
        Assert.Equal("[Scripto] SILENT: db-1 (2 scripts affected)", MessageText.Title(silent));
        Assert.StartsWith("db-1 is silent: 2 scripts affected. ", MessageText.Intro(silent));
        Assert.StartsWith("db-1 is silent: 2 scripts affected (its heartbeat alive is down).", MessageText.Intro(silent with { Heartbeat = "alive" }));
        Assert.Equal("Affected", MessageText.ScriptsHeading(silent));

        var spoke = silent with { Event = NotificationEvent.Resolved, Scripts = [SampleMessages.Backup] };
        Assert.Equal("[Scripto] RESOLVED: db-1 reports again", MessageText.Title(spoke));
        Assert.Equal("db-1 reports again. 1 of its scripts is still down.", MessageText.Intro(spoke));
        Assert.Equal("[Scripto] STILL SILENT: db-1 (2 scripts affected)", MessageText.Title(silent with { Event = NotificationEvent.Reminder }));
    }

    [Fact]
    public void Durations_read_in_their_two_largest_units()
    {
        Assert.Equal(["45s", "12m", "1h 35m", "2h", "3d 4h"],
            new long[] { 45, 720, 5700, 7200, 3 * 86400 + 4 * 3600 + 59 }.Select(MessageText.Duration));
    }

    [Theory]
    [InlineData("webhook")]
    [InlineData("slack")]
    [InlineData("teams")]
    [InlineData("discord")]
    [InlineData("ntfy")]
    [InlineData("gotify")]
    [InlineData("telegram")]
    public async Task Every_kind_says_the_same_title_line(string kind)
    {
        var target = new ChannelTarget(kind, "http://127.0.0.1:9/x", [], null, "token", "42");
        using var request = ChannelRequests.Build(target, SampleMessages.Resolved, SampleMessages.Now);

        var sent = await request.Content!.ReadAsStringAsync() + string.Join("\n", request.Headers.Select(h => string.Join(",", h.Value)));
        if (kind == "webhook") Assert.Contains("\"event\":\"resolved\"", sent); // the body of a program, not a sentence
        else if (kind == "discord") Assert.Contains("\\\\[Scripto\\\\] RESOLVED: db-1", sent); // its Markdown escapes, in JSON
        else Assert.Contains("[Scripto] RESOLVED: db-1", sent);
    }
}
