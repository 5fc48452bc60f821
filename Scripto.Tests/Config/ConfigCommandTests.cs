using Scripto.Tests.Shared;

namespace Scripto.Tests.Config;

/// <summary><c>Scripto.Web config export|apply</c> as a process on a database file, as an install kept under git runs it.</summary>
public sealed class ConfigCommandTests : IAsyncLifetime
{
    private readonly string _source = TempDatabase.NewPath();
    private readonly string _target = TempDatabase.NewPath();
    private readonly string _folder = Directory.CreateTempSubdirectory("scripto-config-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TempDatabase.Delete(_source);
        TempDatabase.Delete(_target);
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string database, params string[] arguments)
    {
        using var process = new ChildProcess("dotnet", [RepoPaths.WebDll, "config", .. arguments, $"--ConnectionStrings:Scripto=Data Source={database}"]);
        var exit = await process.ExitAsync(TimeSpan.FromSeconds(60));
        return (exit, process.Output);
    }

    /// <summary>An install with one of everything, stopped (the command needs the file to itself).</summary>
    private async Task SeedAsync()
    {
        await using var app = new ScriptoFactory(_source) { KeepDatabase = true };
        await ConfigSeed.SeedAsync(app.CreateClient(), app.Services);
    }

    [Fact]
    public async Task Export_then_dry_run_then_apply_to_a_fresh_file_gives_the_same_export()
    {
        await SeedAsync();
        var file = Path.Combine(_folder, "scripto.yaml");

        var export = await RunAsync(_source, "export", file);
        Assert.True(export.Exit == 0, export.Output);
        var exported = await File.ReadAllTextAsync(file);
        // The command runs on the real clock: the seed's one-off window (in 2017) is history by now, the rest is there.
        Assert.Contains("name: report.py", exported);
        Assert.Contains("reason: vacuum", exported);
        Assert.DoesNotContain("kernel upgrade", exported);

        var dryRun = await RunAsync(_target, "apply", file, "--dry-run");
        Assert.True(dryRun.Exit == 0, dryRun.Output);
        Assert.Contains("+ script backup.sh on db-1", dryRun.Output);
        Assert.Contains("+ channel ops-webhook", dryRun.Output);
        Assert.Contains("+ maintenance tags db: vacuum", dryRun.Output);
        Assert.Contains("10 to create, 0 to change, 0 to delete, 0 unchanged: dry run, nothing written.", dryRun.Output);
        Assert.Equal(0L, DatabaseContents.Scalar($"Data Source={_target};Pooling=False", "SELECT count(*) FROM scripts"));

        var apply = await RunAsync(_target, "apply", file);
        Assert.True(apply.Exit == 0, apply.Output);
        Assert.Contains(": applied.", apply.Output);

        var again = Path.Combine(_folder, "again.yaml");
        Assert.Equal(0, (await RunAsync(_target, "export", again)).Exit);
        Assert.Equal(exported, await File.ReadAllTextAsync(again));
    }

    [Fact]
    public async Task A_refused_file_prints_each_mistake_with_its_line_and_exits_non_zero()
    {
        var file = Path.Combine(_folder, "bad.yaml");
        await File.WriteAllTextAsync(file, "scripts:\n- name: a.sh\n  schedule: daily\n- name: b.sh\n  cron: 0 25 * * *\n");

        var (exit, output) = await RunAsync(_target, "apply", file);

        Assert.Equal(1, exit);
        Assert.Contains($"{file}:5: scripts[1].cron ", output);
        Assert.Contains("refused, nothing written", output);
        Assert.Equal(0L, DatabaseContents.Scalar($"Data Source={_target};Pooling=False", "SELECT count(*) FROM scripts"));
    }

    [Fact]
    public async Task While_the_server_runs_it_says_so_in_one_line_with_the_curl_line_instead()
    {
        await using var app = new ScriptoFactory(_source);
        (await app.CreateClient().GetAsync("/healthz")).EnsureSuccessStatusCode(); // the server holds the file
        var file = Path.Combine(_folder, "scripto.yaml");
        await File.WriteAllTextAsync(file, "scripts: []\n");

        var (exit, output) = await RunAsync(_source, "apply", file, "--dry-run", "--prune");

        Assert.Equal(3, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Scripto is running on {_source}", line);
        Assert.Contains("curl --fail-with-body -sS -X POST -H \"Authorization: Bearer $ADMIN_KEY\" -H \"Content-Type: application/yaml\"", line);
        Assert.Contains($"--data-binary @{file} \"http://localhost:5000/api/v2/config?dry_run=1&prune=1\"", line);
    }
}
