using Scripto.Tests.Shared;

namespace Scripto.Tests.Clients;

/// <summary>The original README's Python example, with the requests module, run as written but for the host.</summary>
public sealed class OriginalPythonExampleTests : ClientTest
{
    /// <summary>Verbatim from the original README ("Python example").</summary>
    private const string Example = """
        #!/usr/bin/python3

        from platform import node
        import requests

        status = False
        scripto_id = 1

        data = {'last_exec': 'CURRENT_TIMESTAMP',
                'name': __file__,
                'server': node(),
                'status': status}
        scripto_url = 'http://scripto.domain.tld/api/v1/script/{}'.format(scripto_id)

        r = requests.put(scripto_url, json=data)
        if r.status_code != 200:
            print('Could not send status to scripto')
        """;

    [Fact]
    public async Task The_requests_example_reports_its_status_to_script_1()
    {
        Assert.Equal(1, await Api.CreateScriptAsync(new { name = "report.py", status = 1 }));
        var file = Path.Combine(Home, "report.py");
        File.WriteAllText(file, Example.Replace("http://scripto.domain.tld", Url));

        using var python = new ChildProcess(Python, [file], Isolated(new Dictionary<string, string?>()));

        Assert.Equal(0, await python.ExitAsync());
        Assert.Equal("", python.Stdout + python.Stderr);
        var script = await (await Api.GetAsync("/api/v1/script/1")).JsonAsync();
        Assert.False((bool)script["status"]!);
        Assert.Equal(file, (string?)script["name"]);
        Assert.Equal(System.Environment.MachineName, (string?)script["server"]);
    }
}
