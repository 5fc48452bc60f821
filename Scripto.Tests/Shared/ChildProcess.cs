using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Scripto.Tests.Shared;

/// <summary>
/// A process a test started (a client as cron runs it, Scripto itself, nginx, aiosmtpd): stdin closed, stdout and
/// stderr read as they come, every wait bounded and failing with what it printed; killed with its children on dispose.
/// </summary>
public sealed class ChildProcess : IDisposable, IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();
    private readonly Task _pumps;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TaskCompletionSource _printed = NewSignal();

    /// <param name="environment">Added to the test's own environment; a null value removes the variable.</param>
    public ChildProcess(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        _process.StandardInput.Close();
        _pumps = Task.WhenAll(PumpAsync(_process.StandardOutput, _stdout), PumpAsync(_process.StandardError, _stderr));
    }

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>All it printed, stdout then stderr: for assertions on a line and for failure messages.</summary>
    public string Output => Stdout + Stderr;

    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>From the start to the end of the process, once <see cref="ExitAsync"/> saw it end.</summary>
    public TimeSpan Elapsed { get; private set; }

    private string Name => Path.GetFileName(_process.StartInfo.FileName);

    /// <summary>Waits for the process to end and its output to be read; returns its exit code. Past the bound it is killed.</summary>
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
            throw new TimeoutException($"{Name} still ran after {timeout ?? DefaultTimeout}; killed. It printed:\n{Output}");
        }
        Elapsed = _clock.Elapsed;
        return _process.ExitCode;
    }

    /// <summary>Waits until stdout or stderr holds a match; fails, with the output, if the process ends first or time runs out.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var printed = _printed.Task; // taken before reading, so that nothing printed in between is missed
            if (Find(pattern) is { } match) return match;
            if (_pumps.IsCompleted)
                throw new InvalidOperationException($"{Name} ended ({(HasExited ? ExitCode : "?")}) without printing /{pattern}/:\n{Output}");
            try
            {
                await Task.WhenAny(printed, _pumps).WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} printed no /{pattern}/ in {timeout ?? DefaultTimeout}:\n{Output}");
            }
        }
    }

    public Task WaitForStderrAsync(string text, TimeSpan? timeout = null) =>
        WaitForOutputAsync(new Regex(Regex.Escape(text)), timeout);

    /// <summary>SIGKILL, with its children: no shutdown, no flush; whatever was not on disk is lost.</summary>
    public void Kill()
    {
        try
        {
            if (_process.HasExited) return;
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { } // it ended meanwhile
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private Match? Find(Regex pattern) =>
        pattern.Match(Stdout) is { Success: true } inStdout ? inStdout
        : pattern.Match(Stderr) is { Success: true } inStderr ? inStderr
        : null;

    private async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into) into.Append(buffer, 0, read);
            Interlocked.Exchange(ref _printed, NewSignal()).TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
