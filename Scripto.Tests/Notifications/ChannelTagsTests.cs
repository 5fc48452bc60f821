using Scripto.Core.Scripts;

namespace Scripto.Tests.Notifications;

/// <summary>A channel limited to tags hears only of scripts that carry one of them.</summary>
public sealed class ChannelTagsTests : IAsyncLifetime
{
    private readonly NotifyCore _core = new();

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
}
