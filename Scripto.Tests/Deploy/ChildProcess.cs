using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Scripto.Tests.Deploy;

/// <summary>A process the test started: its output kept for failure messages; killed, with its children, on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    public ChildProcess(string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (_gate) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for a line of output that matches; fails, with the output, if the process ends or time runs out.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = pattern.Match(Output);
            if (match.Success) return match;
            if (HasExited) throw new InvalidOperationException($"{_process.StartInfo.FileName} exited ({_process.ExitCode}) before printing /{pattern}/:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{_process.StartInfo.FileName} printed no /{pattern}/ in {timeout}:\n{Output}");
            await Task.Delay(50);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} still running after {timeout}:\n{Output}");
        }
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException) { } // it had already gone
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_gate) _output.AppendLine(line);
    }
}
