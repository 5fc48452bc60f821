using Scripto.Tests.Shared;

namespace Scripto.Tests.Clients;

/// <summary>clients/python/scripto_client.py in a real python3: ping(), and monitored() around a block of work.</summary>
public sealed class PythonClientTests : ClientTest
{
    [Fact]
    public async Task Ping_reports_an_exit_code_with_its_output_and_returns_the_script()
    {
        var python = StartPython("""
            from scripto_client import ping
            script = ping("/opt/jobs/etl.py", 4, output="loaded 0 rows\n", schedule="hourly")
            print(script["status"], script["last_exit_code"])
            """);

        Assert.Equal(0, await python.ExitAsync());
        Assert.Equal("failed 4\n", python.Stdout);
        var script = Script("/opt/jobs/etl.py")!;
        Assert.Equal(System.Environment.MachineName, script["server"]);
        Assert.Equal(3600L, script["period_seconds"]);
        Assert.Equal("loaded 0 rows\n", Runs("/opt/jobs/etl.py").Single()["output"]);
    }

    [Fact]
    public async Task A_huge_output_is_cut_to_its_last_10_KiB_so_the_report_still_lands()
    {
        var python = StartPython("""
            from scripto_client import ping
            ping("export", 0, output="x" * (2 * 1024 * 1024) + "\nexported\n")
            """);

        Assert.Equal(0, await python.ExitAsync());
        Assert.Equal("", python.Stderr);
        var output = (string)Runs("export").Single()["output"]!;
        Assert.StartsWith($"[… output truncated: the first {2 * 1024 * 1024 + 10 - 10_112} bytes were dropped …]\n", output);
        Assert.EndsWith("x\nexported\n", output);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(output) <= 10 * 1024);
    }

    [Fact]
    public async Task Monitored_reports_the_start_then_the_success_with_the_duration()
    {
        var flag = Path.Combine(Home, "done");
        var python = StartPython($$"""
            import os, time
            from scripto_client import monitored
            with monitored("nightly-report", schedule="daily"):
                while not os.path.exists({{Quoted(flag)}}):
                    time.sleep(0.05)
            print("report built")
            """);

        await Eventually.TrueAsync(() => Script("nightly-report") is { } s && s["started_at"] is not null, "the start is recorded", 20_000);
        Assert.Null(Script("nightly-report")!["last_exec"]); // running
        App.Clock.Advance(TimeSpan.FromSeconds(95));
        File.WriteAllText(flag, "");

        Assert.Equal(0, await python.ExitAsync());
        Assert.Equal("report built\n", python.Stdout);
        var script = Script("nightly-report")!;
        Assert.Equal(1L, script["status"]);
        Assert.Equal(95_000L, script["last_duration_ms"]);
        Assert.Equal(["Start", "Success"], Runs("nightly-report").Select(r => (string)r["signal"]!));
    }

    [Fact]
    public async Task Monitored_reports_an_exception_as_a_failure_with_its_traceback_and_raises_it_again()
    {
        var python = StartPython("""
            from scripto_client import monitored
            with monitored("nightly-report"):
                raise OSError("disk full")
            """);

        Assert.Equal(1, await python.ExitAsync());
        Assert.EndsWith("OSError: disk full\n", python.Stderr);
        Assert.Equal(0L, Script("nightly-report")!["status"]);
        var output = (string)Runs("nightly-report").Last()["output"]!;
        Assert.StartsWith("Traceback (most recent call last):", output);
        Assert.EndsWith("OSError: disk full\n", output);
    }

    [Fact]
    public async Task Monitored_reports_sys_exit_with_its_code()
    {
        var python = StartPython("""
            import sys
            from scripto_client import monitored
            with monitored("cleanup"):
                sys.exit(3)
            """);

        Assert.Equal(3, await python.ExitAsync());
        Assert.Equal(3L, Script("cleanup")!["last_exit_code"]);
    }

    [Fact]
    public async Task An_unreachable_Scripto_warns_and_never_breaks_the_job()
    {
        var python = StartPython("""
            from scripto_client import ping, monitored
            print(ping("backup", True))
            with monitored("nightly-report"):
                print("work done")
            """, new() { ["SCRIPTO_URL"] = ClosedUrl(), ["SCRIPTO_RETRY_SECONDS"] = "3" });

        Assert.Equal(0, await python.ExitAsync());
        Assert.Equal("None\nwork done\n", python.Stdout);
        Assert.Contains("ScriptoWarning: scripto: the report of backup (success) is lost: could not reach Scripto", python.Stderr);
        Assert.Contains("the report of nightly-report/start is lost", python.Stderr);
        Assert.Contains("the report of nightly-report (success) is lost", python.Stderr);
        Assert.True(python.Elapsed < TimeSpan.FromSeconds(30), $"took {python.Elapsed}");
    }

    private static string Quoted(string path) => "'" + path.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    [Fact]
    public async Task A_report_sent_while_Scripto_restarts_lands_once_it_is_back()
    {
        var port = new Uri(ClosedUrl()).Port;
        var python = StartPython("from scripto_client import ping\nprint(ping('rotate-logs', True)['status'])",
            new() { ["SCRIPTO_URL"] = $"http://127.0.0.1:{port}" });
        await Task.Delay(TimeSpan.FromSeconds(2)); // three tries and 2 s were all it had before

        await using var server = new PortFactory(port);
        _ = server.ServerAddress;

        Assert.Equal(0, await python.ExitAsync());
        Assert.Equal("", python.Stderr);
        Assert.Equal(1L, DatabaseContents.Scalar(server.ConnectionString, "SELECT count(*) FROM scripts WHERE name = 'rotate-logs'"));
    }
}
