using System.Net;
using System.Text.RegularExpressions;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Robustness;

/// <summary>
/// The built Scripto.Web.dll run by `dotnet` as a process of its own on a SQLite file, as an operator runs it,
/// so that it can be killed the way a crash or the OOM killer kills it. Disposing always ends it.
/// </summary>
public sealed partial class ScriptoProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private Uri? _address;

    private ScriptoProcess(ChildProcess process) => _process = process;

    /// <summary>Where it listens, once it said so (after <see cref="StartAsync"/>).</summary>
    public Uri Address => _address ?? throw new InvalidOperationException($"Scripto has not said where it listens yet:\n{Log}");

    /// <summary>The last lines the server printed, for a failure's message.</summary>
    public string Log => string.Join("\n", _process.Output.Split('\n').TakeLast(40));

    public bool HasExited => _process.HasExited;

    public static Task<ScriptoProcess> StartAsync(string databasePath, TimeSpan? timeout = null) =>
        StartAsync(SqliteSettings(databasePath), timeout);

    /// <summary>Starts it with these settings (environment variables: <c>Section__Key</c>) and waits until it answers.</summary>
    public static async Task<ScriptoProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan? timeout = null)
    {
        var server = Launch(settings);
        try
        {
            // Alone a start takes 2-5 s here; with other builds on this shared 2-core machine one has taken over 20 s.
            // The bound only tells a slow start from a start that hangs.
            await server.WaitUntilAnsweringAsync(timeout ?? TimeSpan.FromSeconds(90));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the process and returns at once, before it answers (to kill it during its start). Port 0 unless told:
    /// Kestrel picks a free one and says which, so nothing can take it in between.
    /// </summary>
    public static ScriptoProcess Launch(string databasePath, int port = 0) => Launch(SqliteSettings(databasePath), port);

    private static ScriptoProcess Launch(IReadOnlyDictionary<string, string?> settings, int port = 0) =>
        new(new ChildProcess("dotnet", [RepoPaths.WebDll, "--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string?>(settings) { ["ASPNETCORE_ENVIRONMENT"] = "Development" }));

    private static Dictionary<string, string?> SqliteSettings(string databasePath) =>
        new() { ["ConnectionStrings__Scripto"] = $"Data Source={databasePath}" };

    /// <summary>The exit code, once it ended by itself within the time given.</summary>
    public Task<int> ExitAsync(TimeSpan timeout) => _process.ExitAsync(timeout);

    /// <summary>SIGKILL: no shutdown, no flush, no checkpoint; whatever was not on disk is lost.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var listening = await _process.WaitForOutputAsync(ListeningOn(), timeout);
        _address = new Uri(listening.Groups[1].Value);
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Scripto exited with {_process.ExitCode}:\n{Log}");
            try
            {
                if ((await http.GetAsync("/api/v1/script?results_per_page=1", cancel.Token)).StatusCode == HttpStatusCode.OK) return;
                await Task.Delay(50, cancel.Token);
            }
            catch (HttpRequestException) { } // listening, not answering yet
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested) { } // a request that took too long
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Scripto did not answer within {timeout}:\n{Log}");
            }
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
