using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Formats;

namespace Scripto.Tests.Notifications;

/// <summary>The title line and the wording that every channel kind shares.</summary>
public sealed class MessageTextTests
{
    [Fact]
    public void A_group_of_several_down_scripts_is_titled_with_their_count_and_server_and_the_newest_names()
    {
        Assert.Equal("[Scripto] DOWN: 2 scripts on db-1: backup.sh, vacuum.sh", MessageText.Title(SampleMessages.Down with { Resolved = [] }));
        Assert.Equal("[Scripto] DOWN: 5 scripts on db-1: job-005.sh, job-004.sh +3", MessageText.Title(SampleMessages.Many(5)));
    }

    [Fact]
    public void A_single_down_script_is_titled_with_its_name_and_server()
    {
        Assert.Equal("[Scripto] DOWN: backup.sh on db-1", MessageText.Title(SampleMessages.Down with { Scripts = [SampleMessages.Backup], Resolved = [] }));
    }

    [Fact]
    public void Without_grouping_by_server_the_title_counts_scripts_only()
    {
        Assert.Equal("[Scripto] DOWN: 2 scripts: backup.sh, vacuum.sh", MessageText.Title(SampleMessages.Down with { GroupBy = "none", GroupKey = "", Resolved = [] }));
    }

    [Fact]
    public void A_message_with_scripts_down_and_others_resolved_counts_both_and_never_reads_as_all_clear()
    {
        Assert.Equal("[Scripto] 2 DOWN, 1 RESOLVED on db-1: backup.sh, vacuum.sh", MessageText.Title(SampleMessages.Down));
        Assert.Equal("[Scripto] 2 STILL DOWN, 1 RESOLVED on db-1: backup.sh, vacuum.sh",
            MessageText.Title(SampleMessages.Down with { Event = NotificationEvent.Reminder }));
        Assert.Equal("[Scripto] 1 DOWN, 1 RESOLVED: backup.sh",
            MessageText.Title(SampleMessages.Down with { Scripts = [SampleMessages.Backup], GroupBy = "none", GroupKey = "" }));
    }

    [Fact]
    public void Messages_of_one_group_with_different_contents_have_different_titles()
    {
        var titles = new[]
        {
            SampleMessages.Down with { Resolved = [] },
            SampleMessages.Down,
            SampleMessages.Down with { Scripts = [SampleMessages.Backup] },
            SampleMessages.Down with { Scripts = [SampleMessages.Vacuum], Resolved = [] },
            SampleMessages.Resolved,
            SampleMessages.Resolved with { Resolved = [SampleMessages.Rotate] },
            SampleMessages.Resolved with { Resolved = [SampleMessages.Rotate with { Name = "vacuum.sh" }, SampleMessages.Rotate] },
        }.Select(MessageText.Title).ToList();

        Assert.Equal(titles.Count, titles.Distinct().Count());
    }

    [Fact]
    public void Each_event_has_its_own_title()
    {
        Assert.Equal("[Scripto] RESOLVED: 2 scripts on db-1: backup.sh, rotate-logs", MessageText.Title(SampleMessages.Resolved));
        Assert.Equal("[Scripto] RESOLVED: rotate-logs on db-1", MessageText.Title(SampleMessages.Resolved with { Resolved = [SampleMessages.Rotate] }));
        Assert.Equal("[Scripto] STILL DOWN: 2 scripts on db-1: backup.sh, vacuum.sh",
            MessageText.Title(SampleMessages.Down with { Event = NotificationEvent.Reminder, Resolved = [] }));
        Assert.Equal("[Scripto] FLAPPING: 2 scripts on db-1: vacuum.sh, backup.sh", MessageText.Title(SampleMessages.Down with { Event = NotificationEvent.Flapping }));
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

        // Speaking again while a script is still down is no all clear: the title leads with what is still down.
        var spoke = silent with { Event = NotificationEvent.Resolved, Scripts = [SampleMessages.Backup] };
        Assert.Equal("[Scripto] 1 STILL DOWN, 1 RESOLVED: db-1 reports again", MessageText.Title(spoke));
        Assert.Equal("[Scripto] 1 STILL DOWN: db-1 reports again", MessageText.Title(spoke with { Resolved = [] }));
        Assert.Equal("[Scripto] RESOLVED: db-1 reports again (1 recovered)", MessageText.Title(spoke with { Scripts = [] }));
        Assert.Equal("[Scripto] RESOLVED: db-1 reports again", MessageText.Title(spoke with { Scripts = [], Resolved = [] }));
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
        else if (kind == "discord") Assert.Contains("\\\\[Scripto\\\\] RESOLVED: 2 scripts on db-1", sent); // its Markdown escapes, in JSON
        else Assert.Contains("[Scripto] RESOLVED: 2 scripts on db-1", sent);
    }
}
