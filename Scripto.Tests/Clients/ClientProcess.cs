using System.Diagnostics;
using System.Text;

namespace Scripto.Tests.Clients;

/// <summary>
/// A client run as a real process, as cron would run it: its exit code, stdout and stderr, read as they come.
/// Its environment holds no Scripto setting of the machine's: only what the test gives it.
/// Every wait is bounded; a process still running past its bound is killed with its children.
/// </summary>
public sealed class ClientProcess : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();
    private readonly Task _pumps;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private ClientProcess(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in new[] { "SCRIPTO_URL", "SCRIPTO_KEY", "SCRIPTO_CONFIG", "XDG_CONFIG_HOME", "PYTHONPATH" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        _process = Process.Start(start)!;
        _process.StandardInput.Close();
        _pumps = Task.WhenAll(PumpAsync(_process.StandardOutput, _stdout), PumpAsync(_process.StandardError, _stderr));
    }

    public static ClientProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment) =>
        new(fileName, arguments, environment);

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }
    public TimeSpan Elapsed { get; private set; }
    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to end and its output to be read; returns its exit code.</summary>
    public async Task<int> ExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await _pumps.WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"Still running after {timeout ?? DefaultTimeout}; killed. stdout: {Stdout} stderr: {Stderr}");
        }
        Elapsed = _clock.Elapsed;
        return _process.ExitCode;
    }

    public async Task WaitForStderrAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"stderr never said '{text}': {Stderr}");
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // it ended meanwhile
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
            lock (into) into.Append(buffer, 0, read);
    }
}
