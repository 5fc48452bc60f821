using System.Text.RegularExpressions;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Clients;

/// <summary>The README's crontab line, run as cron runs it, against a Scripto that restarts meanwhile.</summary>
public sealed class ReadmeCrontabLineTests : ClientTest
{
    [Fact]
    public async Task The_README_s_crontab_line_keeps_its_report_through_a_restart_of_Scripto()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));
        var line = Regex.Match(readme, @"^30 2 \* \* \* /opt/backup\.sh && (curl [^\n]*)$", RegexOptions.Multiline).Groups[1].Value;
        var port = new Uri(ClosedUrl()).Port;
        var command = line.Replace("http://scripto:5000/", $"http://127.0.0.1:{port}/");
        Assert.NotEqual(line, command);

        var curl = StartShell(command);
        await Task.Delay(TimeSpan.FromSeconds(2)); // connections refused, as while Scripto restarts
        await using var server = new PortFactory(port);
        _ = server.ServerAddress;

        Assert.Equal(0, await curl.ExitAsync());
        Assert.Equal(1L, DatabaseContents.Scalar(server.ConnectionString, "SELECT count(*) FROM scripts WHERE name = 'backup.sh'"));
    }
}
