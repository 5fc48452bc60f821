using Microsoft.Extensions.DependencyInjection;
using Scripto.Core;
using Scripto.Core.Notifications.Grouping;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V1;

/// <summary>
/// A shell client that sends its local time without an offset (a machine in UTC-5 says "18:00:00" at 23:00 UTC): the
/// report just arrived, so the script ran. Late, down and server silence count from when Scripto received it; the
/// last_exec it sent is kept and answered as sent. A time with its offset is an instant, trusted as the original did.
/// </summary>
public class LocalTimeReportTests : ApiTest
{
    private static readonly DateTime Received = ScriptoFactory.Start.UtcDateTime;
    private static readonly string FiveHoursBehind = Received.AddHours(-5).ToString("yyyy-MM-dd HH:mm:ss");

    private async Task<long> ReportFromUtcMinus5(string name)
    {
        var id = await Client.CreateScriptAsync(new { name, server = "db-1", periodicity = "hourly" });
        var answer = await Client.SendRawAsync("PUT", $"/api/v1/script/{id}", $$"""{"status": 1, "last_exec": "{{FiveHoursBehind}}"}""");
        answer.EnsureSuccessStatusCode();
        return id;
    }

    private Task<ScriptDetails?> Details(long id) => App.Services.GetRequiredService<ScriptQueries>().DetailsAsync(id);

    [Fact]
    public async Task A_success_sent_with_an_old_local_time_is_ok_and_its_time_is_answered_as_sent()
    {
        var id = await ReportFromUtcMinus5("backup.sh");

        var details = (await Details(id))!;
        Assert.Equal(ScriptStatus.Ok, details.Status);
        Assert.Equal(FiveHoursBehind.Replace(' ', 'T'), (string?)(await (await Client.GetAsync($"/api/v1/script/{id}")).JsonAsync())["last_exec"]);
        var flip = details.Flips[0];
        Assert.Equal((FlipState.Up, "reported success"), (flip.To, flip.Reason));
    }

    [Fact]
    public async Task It_is_late_an_hour_after_it_was_received_not_an_hour_after_the_time_it_sent()
    {
        var id = await ReportFromUtcMinus5("backup.sh");

        App.Clock.Advance(TimeSpan.FromMinutes(49));
        Assert.Equal(ScriptStatus.Ok, (await Details(id))!.Status);
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(ScriptStatus.Soon, (await Details(id))!.Status);
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(ScriptStatus.Late, (await Details(id))!.Status);
    }

    [Fact]
    public async Task Two_scripts_reporting_old_local_times_do_not_make_their_server_silent()
    {
        var first = await ReportFromUtcMinus5("backup.sh");
        var second = await ReportFromUtcMinus5("vacuum.sh");

        var scripts = new List<Script> { (await Details(first))!.Script, (await Details(second))!.Script };
        Assert.Null(ServerSilence.Of(scripts, Received));
        Assert.NotNull(ServerSilence.Of(scripts, Received.AddHours(3)));
    }

    [Fact]
    public async Task A_time_with_its_offset_is_an_instant_the_client_vouches_for_and_a_down_says_why()
    {
        var id = await Client.CreateScriptAsync(new { name = "backup.sh", server = "db-1", periodicity = "hourly" });
        (await Client.SendRawAsync("PUT", $"/api/v1/script/{id}", $$"""{"status": 1, "last_exec": "{{FiveHoursBehind.Replace(' ', 'T')}}Z"}""")).EnsureSuccessStatusCode();

        var details = (await Details(id))!;
        Assert.Equal(ScriptStatus.Down, details.Status);
        Assert.Equal(FlipState.Down, details.Flips[0].To);
        Assert.Equal($"reported success for a run at {FiveHoursBehind} UTC, already past its next due time and grace", details.Flips[0].Reason);
    }
}

public sealed class LocalTimeReportTestsOnPostgres : LocalTimeReportTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
