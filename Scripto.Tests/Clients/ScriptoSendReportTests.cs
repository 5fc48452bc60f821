using Scripto.Tests.Shared;

namespace Scripto.Tests.Clients;

/// <summary>scripto-send reporting a status: by name (v2), or by id as the original's TODO asked (v1).</summary>
public sealed class ScriptoSendReportTests : ClientTest
{
    [Fact]
    public async Task Status_1_reports_a_success_by_name_from_this_host_with_its_schedule()
    {
        var send = await ScriptoSendAsync(["--name", "backup.sh", "--status", "1", "--schedule", "daily"]);

        Assert.Equal(0, send.ExitCode);
        Assert.Equal("", send.Stderr);
        var script = Script("backup.sh")!;
        Assert.Equal(System.Environment.MachineName, script["server"]);
        Assert.Equal(1L, script["status"]);
        Assert.Equal("Period", script["schedule_kind"]);
        Assert.Equal(86_400L, script["period_seconds"]);
    }

    [Theory]
    [InlineData(new[] { "--status", "0" }, null)]
    [InlineData(new[] { "--exit-code", "3" }, 3L)]
    public async Task Status_0_and_a_nonzero_exit_code_report_a_failure(string[] outcome, long? exitCode)
    {
        var send = await ScriptoSendAsync(["--name", "etl.py", .. outcome]);

        Assert.Equal(0, send.ExitCode);
        var script = Script("etl.py")!;
        Assert.Equal(0L, script["status"]);
        Assert.Equal(exitCode, script["last_exit_code"]);
    }

    [Fact]
    public async Task A_name_with_slashes_and_spaces_and_a_cron_schedule_arrive_as_written()
    {
        var send = await ScriptoSendAsync(["--name", "/opt/jobs/rapport du soir.sh", "--server", "db 1", "--status", "1",
            "--cron", "30 2 * * *", "--tz", "Europe/Paris", "--grace", "20m"]);

        Assert.Equal(0, send.ExitCode);
        var script = Script("/opt/jobs/rapport du soir.sh")!;
        Assert.Equal("db 1", script["server"]);
        Assert.Equal("30 2 * * *", script["cron"]);
        Assert.Equal("Europe/Paris", script["time_zone"]);
        Assert.Equal(1200L, script["grace_seconds"]);
    }

    [Fact]
    public async Task Start_shows_the_script_running()
    {
        var send = await ScriptoSendAsync(["--name", "long-job", "--start"]);

        Assert.Equal(0, send.ExitCode);
        var script = Script("long-job")!;
        Assert.NotNull(script["started_at"]);
        Assert.Null(script["last_exec"]);
    }

    [Fact]
    public async Task The_original_id_mode_reports_through_v1_and_leaves_the_server_as_it_was()
    {
        var id = await Api.CreateScriptAsync(new { name = "test.sh", server = "myserver.local" });

        var success = await ScriptoSendAsync(["--id", id.ToString(), "--name", "test.sh", "--status", "1"]);
        var afterSuccess = await (await Api.GetAsync($"/api/v1/script/{id}")).JsonAsync();
        var failure = await ScriptoSendAsync(["--id", id.ToString(), "--name", "test.sh", "--status", "0"]);
        var afterFailure = await (await Api.GetAsync($"/api/v1/script/{id}")).JsonAsync();

        Assert.Equal((0, 0), (success.ExitCode, failure.ExitCode));
        Assert.True((bool)afterSuccess["status"]!);
        Assert.False((bool)afterFailure["status"]!);
        Assert.Equal("myserver.local", (string?)afterFailure["server"]);
        Assert.Equal(1L, ScriptCount());
    }

    [Fact]
    public async Task A_name_with_quotes_travels_as_json_in_the_id_mode()
    {
        var id = await Api.CreateScriptAsync(new { name = "old" });

        var send = await ScriptoSendAsync(["--id", id.ToString(), "--name", "say \"hi\"\\now", "--status", "1"]);

        Assert.Equal(0, send.ExitCode);
        Assert.Equal("say \"hi\"\\now", (string?)(await (await Api.GetAsync($"/api/v1/script/{id}")).JsonAsync())["name"]);
    }

    [Fact]
    public async Task A_refused_report_exits_1_and_says_why()
    {
        var send = await ScriptoSendAsync(["--name", "backup.sh", "--status", "1", "--schedule", "sometimes"]);

        Assert.Equal(1, send.ExitCode);
        Assert.Contains("Scripto refused the report (HTTP 400): 'schedule' must be", send.Stderr);
        Assert.Equal(0L, ScriptCount());
    }

    [Fact]
    public async Task An_unknown_id_exits_1()
    {
        var send = await ScriptoSendAsync(["--id", "42", "--status", "1"]);

        Assert.Equal(1, send.ExitCode);
        Assert.Contains("HTTP 404", send.Stderr);
    }

    [Theory]
    [InlineData("--status 1", "--name is required")]
    [InlineData("--name x", "say what to report")]
    [InlineData("--name x --status yes", "--status is 1 (success) or 0 (failure)")]
    [InlineData("--name x --exit-code 256", "--exit-code is a number from 0 to 255")]
    [InlineData("--name x --status 1 --start", "say what to report")]
    [InlineData("--id 3 --status 1 --schedule daily", "need the v2 API")]
    [InlineData("--id 3 --name x -- true", "--id reports with the original API")]
    [InlineData("--name x --status 1 --colour red", "unknown argument: --colour")]
    [InlineData("--name", "--name needs a value")]
    [InlineData("--name x --", "-- must be followed by the command")]
    public async Task Bad_usage_exits_2_with_a_message_and_reports_nothing(string arguments, string message)
    {
        var send = await ScriptoSendAsync(arguments.Split(' '));

        Assert.Equal(2, send.ExitCode);
        Assert.Contains(message, send.Stderr);
        Assert.Equal(0L, ScriptCount());
    }

    [Fact]
    public async Task Help_prints_the_usage()
    {
        var send = await ScriptoSendAsync(["--help"]);

        Assert.Equal(0, send.ExitCode);
        Assert.StartsWith("Usage:", send.Stdout);
        Assert.Contains("scripto-send --name NAME [options] -- COMMAND", send.Stdout);
    }
}
