using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>The time worker's log line reads as English for one script as for several.</summary>
public sealed class DownLogWordingTests : ApiTest
{
    [Fact]
    public async Task One_script_going_down_is_logged_as_one_script()
    {
        await Client.CreateScriptAsync(new { name = "backup.sh", server = "db-1", status = 1, periodicity = "hourly" });

        App.Clock.Advance(TimeSpan.FromHours(2));

        await Eventually.TrueAsync(() => App.Logs.Entries.Any(e => e.Message.Contains("went down: no report within grace")), "the time worker's line");
        var line = Assert.Single(App.Logs.Entries, e => e.Message.Contains("went down: no report within grace"));
        Assert.Equal("1 script went down: no report within grace", line.Message);
    }
}
