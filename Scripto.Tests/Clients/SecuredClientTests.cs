using Scripto.Tests.Shared;

namespace Scripto.Tests.Clients;

/// <summary>Both clients against a Scripto that takes no anonymous report: the key they send opens it, a wrong one does not.</summary>
public sealed class SecuredClientTests() : ClientTest(new ScriptoFactory(TempDatabase.NewPath(), kestrel: true)
{
    Settings =
    {
        ["Security:Anonymous"] = "None",
        ["Security:ApiKeys:0:Key"] = Key,
        ["Security:ApiKeys:0:Scopes"] = "report",
    },
})
{
    private const string Key = "host-report-key-0123456789abcdef";

    private long Runs() => (long)DatabaseContents.Scalar(App.ConnectionString, "SELECT count(*) FROM runs")!;

    [Fact]
    public async Task Scripto_send_reports_with_its_key_and_says_so_when_the_key_is_refused()
    {
        var send = await ScriptoSendAsync(["--url", Url, "--key", Key, "--name", "backup.sh", "--status", "1"]);
        Assert.Equal(0, send.ExitCode);
        Assert.Equal(1, Runs());

        var refused = await ScriptoSendAsync(["--url", Url, "--key", "scripto_wrong", "--name", "backup.sh", "--status", "1"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("401", refused.Stderr);
        Assert.Equal(1, Runs());
    }

    [Fact]
    public async Task A_wrapped_command_keeps_its_exit_code_when_the_key_is_refused()
    {
        var wrap = await ScriptoSendAsync(["--url", Url, "--key", "scripto_wrong", "--name", "backup.sh", "--", "sh", "-c", "echo done; exit 3"]);
        Assert.Equal(3, wrap.ExitCode);
        Assert.Contains("done", wrap.Stdout);
        Assert.Equal(0, Runs());
    }

    [Fact]
    public async Task The_python_client_reports_with_its_key()
    {
        using var python = StartPython($"from scripto_client import ping\nprint(ping('report.py', True, url='{Url}', key='{Key}')['status'])");
        Assert.Equal(0, await python.ExitAsync());
        Assert.Equal("ok", python.Stdout.Trim());
        Assert.Equal(1, Runs());
    }
}
