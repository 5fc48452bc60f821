using Scripto.Tests.Shared;

namespace Scripto.Tests.Deploy;

/// <summary>`dotnet publish Scripto.Web -c Release`, done once per test run, as an operator would install it.</summary>
internal static class Published
{
    private static readonly Lazy<Task<string>> Directory = new(PublishAsync);

    public static string RepositoryRoot => RepoPaths.Root;

    /// <summary>The publish output (in the test's bin folder, so a later run publishes incrementally over it).</summary>
    public static Task<string> DirectoryAsync() => Directory.Value;

    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "published");
        // No build servers: they would outlive the publish holding its output pipes, and the wait would never end.
        using var publish = new ChildProcess("dotnet",
            ["publish", "Scripto.Web", "-c", "Release", "-o", output, "--nologo", "--disable-build-servers"],
            new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1" },
            RepositoryRoot);
        var exitCode = await publish.ExitAsync(TimeSpan.FromMinutes(5));
        if (exitCode != 0) throw new InvalidOperationException($"dotnet publish failed ({exitCode}):\n{publish.Output}");
        return output;
    }
}
