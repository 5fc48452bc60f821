using System.Net.Http.Json;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>The log lines of status changes read as English: one script as several, a script without a server.</summary>
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

    [Fact]
    public async Task A_script_without_a_server_is_named_alone_when_it_flips()
    {
        var id = await Client.CreateScriptAsync(new { name = "backup.sh", server = "", status = 0 });

        (await Client.PutAsJsonAsync($"/api/v1/script/{id}", new { name = "backup.sh", server = "", status = 1 })).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => App.Logs.Entries.Any(e => e.Message.StartsWith($"Script {id} backup.sh")), "the writer's flip line");
        var line = App.Logs.Entries.First(e => e.Message.StartsWith($"Script {id} backup.sh"));
        Assert.StartsWith($"Script {id} backup.sh went ", line.Message);
    }
}
