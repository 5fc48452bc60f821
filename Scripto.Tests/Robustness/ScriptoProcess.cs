using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Robustness;

/// <summary>
/// The built Scripto.Web.dll run by `dotnet` as a process of its own on a SQLite file, as an operator runs it,
/// so that it can be killed the way a crash or the OOM killer kills it. Disposing always ends it.
/// </summary>
public sealed class ScriptoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ScriptoProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The last lines the server printed, for a failure's message.</summary>
    public string Log => string.Join("\n", _log);

    public static async Task<ScriptoProcess> StartAsync(string databasePath, TimeSpan? timeout = null)
    {
        var server = Launch(databasePath);
        try
        {
            await server.WaitUntilAnsweringAsync(timeout ?? TimeSpan.FromSeconds(20));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the process and returns at once, before it answers (to kill it during its start).</summary>
    public static ScriptoProcess Launch(string databasePath, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepoPaths.WebDll, "--urls", address.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__Scripto"] = $"Data Source={databasePath}",
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
            },
        };
        var server = new ScriptoProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), address);
        server._process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once it ended by itself within the time given.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Scripto still runs after {timeout}:\n{Log}");
        }
        _process.WaitForExit(); // and its output is read to the end
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no checkpoint; whatever was not on disk is lost.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) Kill();
        }
        catch (InvalidOperationException) { } // it had already gone
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    public async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Scripto exited with {_process.ExitCode}:\n{Log}");
            try
            {
                if ((await http.GetAsync("/api/v1/script?results_per_page=1")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { } // not listening yet
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Scripto did not answer within {timeout}:\n{Log}");
            await Task.Delay(50);
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _log.Enqueue(line);
        while (_log.Count > 40) _log.TryDequeue(out _);
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
