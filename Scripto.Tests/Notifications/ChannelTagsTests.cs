using Scripto.Core;
using Scripto.Core.Scripts;

namespace Scripto.Tests.Notifications;

/// <summary>A channel limited to tags hears only of scripts that carry one of them.</summary>
public class ChannelTagsTests : IAsyncLifetime
{
    private readonly NotifyCore _core;

    public ChannelTagsTests() : this(DatabaseProvider.Sqlite) { }

    protected ChannelTagsTests(DatabaseProvider provider) => _core = new NotifyCore(provider: provider);

    public async Task InitializeAsync()
    {
        await _core.ChannelAsync("""{"name": "dba", "kind": "webhook", "url": "https://hooks.example/dba", "tags": ["db"], "group_by": "none", "group_wait": "0s", "group_interval": "1s"}""");
        await _core.ChannelAsync("""{"name": "all", "kind": "webhook", "url": "https://hooks.example/all", "group_by": "none", "group_wait": "0s", "group_interval": "1s"}""");
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private async Task FailAsync(string name, params string[] tags)
    {
        await _core.Writer.ReportAsync(name, "srv-1", new ScriptReport(Signal.Success), tags: new(true, tags));
        await _core.ReportAsync(name, "srv-1", Signal.Failure);
    }

    [Fact]
    public async Task Only_scripts_with_one_of_the_channels_tags_reach_it()
    {
        await FailAsync("backup.sh", "db", "nightly");
        await FailAsync("rotate.sh", "web");
        await FailAsync("untagged.sh");
        await _core.PlanAsync();

        var messages = await _core.MessagesAsync();
        Assert.Equal(["backup.sh"], messages.Where(m => m.Channel == "dba").SelectMany(m => m.Scripts).Select(s => s.Name));
        Assert.Equal(["backup.sh", "rotate.sh", "untagged.sh"], messages.Where(m => m.Channel == "all").SelectMany(m => m.Scripts).Select(s => s.Name).Order());
    }

    [Fact]
    public async Task Grouped_by_tag_a_bad_night_is_one_message_per_tag_titled_with_it()
    {
        await _core.ChannelAsync("""{"name": "teams", "kind": "webhook", "url": "https://hooks.example/teams", "tags": ["db", "web"], "group_by": "tag", "group_wait": "0s", "group_interval": "1s"}""");
        await FailAsync("backup.sh", "db", "nightly");
        await FailAsync("vacuum.sh", "db");
        await FailAsync("rotate.sh", "nightly", "web");
        await FailAsync("both.sh", "web", "db");
        await _core.PlanAsync();

        var messages = (await _core.MessagesAsync()).Where(m => m.Channel == "teams").OrderBy(m => m.GroupKey).ToList();
        Assert.Equal(["db", "web"], messages.Select(m => m.GroupKey));
        Assert.Equal(["backup.sh", "both.sh", "vacuum.sh"], messages[0].Scripts.Select(s => s.Name).Order());
        Assert.Equal(["rotate.sh"], messages[1].Scripts.Select(s => s.Name));
        Assert.StartsWith("[Scripto] DOWN: 3 scripts tagged db: ", Scripto.Core.Notifications.Formats.MessageText.Title(messages[0]));
    }
}

public sealed class ChannelTagsTestsOnPostgres() : ChannelTagsTests(DatabaseProvider.Postgres);
