using System.Net;
using System.Text;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Clients;

/// <summary>scripto-send -- COMMAND: reports the start, then the exit code, duration and output, and never breaks the job.</summary>
public sealed class ScriptoSendWrapTests : ClientTest
{
    /// <summary>A command that prints, then waits until the test creates the file $1, then prints again and exits $2.</summary>
    private const string WaitingCommand = "echo started; while [ ! -e \"$1\" ]; do sleep 0.05; done; echo 'disk full' >&2; exit \"$2\"";

    [Fact]
    public async Task It_exits_with_the_commands_code_passes_its_output_through_and_reports_both()
    {
        var send = await ScriptoSendAsync(["--name", "backup.sh", "--", "sh", "-c", "echo 'dumped 3 tables'; echo 'disk full' >&2; exit 3"]);

        Assert.Equal(3, send.ExitCode);
        Assert.Equal("dumped 3 tables\n", send.Stdout);
        Assert.Equal("disk full\n", send.Stderr);
        var script = Script("backup.sh")!;
        Assert.Equal(0L, script["status"]);
        Assert.Equal(3L, script["last_exit_code"]);
        var end = Runs("backup.sh").Last();
        Assert.Contains("dumped 3 tables\n", (string)end["output"]!);
        Assert.Contains("disk full\n", (string)end["output"]!);
    }

    [Fact]
    public async Task The_start_is_recorded_while_the_command_runs_and_the_end_gives_the_duration()
    {
        var flag = Path.Combine(Home, "done");
        var send = StartScriptoSend(["--name", "etl", "--schedule", "hourly", "--", "sh", "-c", WaitingCommand, "sh", flag, "0"]);

        await Eventually.TrueAsync(() => Script("etl") is { } s && s["started_at"] is not null, "the start is recorded", 20_000);
        Assert.Null(Script("etl")!["last_exec"]); // running: started, not ended
        App.Clock.Advance(TimeSpan.FromSeconds(95));
        File.WriteAllText(flag, "");

        Assert.Equal(0, await send.ExitAsync());
        Assert.Equal("started\n", send.Stdout);
        var script = Script("etl")!;
        Assert.Equal(1L, script["status"]);
        Assert.Equal(95_000L, script["last_duration_ms"]);
        Assert.Equal(["Start", "Success"], Runs("etl").Select(r => (string)r["signal"]!));
    }

    [Fact]
    public async Task Only_the_last_10_KiB_of_a_long_output_are_sent_marked_where_they_were_cut()
    {
        var send = await ScriptoSendAsync(["--name", "chatty", "--", "sh", "-c", "i=0; while [ $i -lt 3000 ]; do echo \"line $i\"; i=$((i+1)); done"]);

        Assert.Equal(0, send.ExitCode);
        var printed = Encoding.UTF8.GetByteCount(send.Stdout);
        var output = (string)Runs("chatty").Last()["output"]!;
        Assert.StartsWith($"[… output truncated: the first {printed - 10_112} bytes were dropped …]\n", output);
        Assert.EndsWith("line 2998\nline 2999\n", output);
        Assert.True(Encoding.UTF8.GetByteCount(output) <= 10 * 1024);
    }

    [Fact]
    public async Task A_missing_command_is_reported_with_exit_code_127()
    {
        var send = await ScriptoSendAsync(["--name", "typo", "--", "/nonexistent/pg_dump"]);

        Assert.Equal(127, send.ExitCode);
        Assert.Equal(127L, Script("typo")!["last_exit_code"]);
    }

    [Fact]
    public async Task An_unreachable_Scripto_still_runs_the_command_warns_and_exits_with_its_code_in_bounded_time()
    {
        var send = await ScriptoSendAsync(["--name", "backup.sh", "--", "sh", "-c", "echo ran; exit 5"],
            new() { ["SCRIPTO_URL"] = ClosedUrl(), ["SCRIPTO_RETRY_SECONDS"] = "3" });

        Assert.Equal(5, send.ExitCode);
        Assert.Equal("ran\n", send.Stdout);
        Assert.Contains("scripto-send: could not reach Scripto at http://127.0.0.1:", send.Stderr);
        Assert.True(send.Elapsed < TimeSpan.FromSeconds(20), $"took {send.Elapsed}");
    }

    [Fact]
    public async Task A_Scripto_back_before_the_end_gets_the_end_with_the_duration_the_wrapper_measured()
    {
        var port = new Uri(ClosedUrl()).Port;
        var flag = Path.Combine(Home, "done");
        var send = StartScriptoSend(["--name", "nightly", "--", "sh", "-c", WaitingCommand, "sh", flag, "0"],
            new() { ["SCRIPTO_URL"] = $"http://127.0.0.1:{port}" });
        await send.WaitForStderrAsync("could not reach Scripto");

        await using var server = new PortFactory(port);
        _ = server.ServerAddress; // started, on the port the wrapper reports to
        File.WriteAllText(flag, "");

        Assert.Equal(0, await send.ExitAsync());
        var duration = (long)DatabaseContents.Scalar(server.ConnectionString, "SELECT last_duration_ms FROM scripts WHERE name = 'nightly'")!;
        Assert.InRange(duration, 1, (long)send.Elapsed.TotalMilliseconds);
    }

    [Fact]
    public async Task A_report_sent_while_Scripto_restarts_lands_once_it_is_back()
    {
        var port = new Uri(ClosedUrl()).Port;
        var send = StartScriptoSend(["--name", "rotate-logs", "--status", "1"], new() { ["SCRIPTO_URL"] = $"http://127.0.0.1:{port}" });
        await Task.Delay(TimeSpan.FromSeconds(2)); // three tries 1 s apart were all it had before

        await using var server = new PortFactory(port);
        _ = server.ServerAddress;

        Assert.Equal(0, await send.ExitAsync());
        Assert.Equal("", send.Stderr);
        Assert.Equal(1L, DatabaseContents.Scalar(server.ConnectionString, "SELECT count(*) FROM scripts WHERE name = 'rotate-logs'"));
    }
}
