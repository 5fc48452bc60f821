namespace Scripto.Core.Scripts;

/// <summary>One report, appended to a script's history (kept up to a configurable count per script).</summary>
public sealed class Run
{
    public const int MaxOutputBytes = 10 * 1024;

    public long Id { get; set; }
    public long ScriptId { get; set; }

    /// <summary>When the report arrived (or, from v1, the last_exec it carried), UTC.</summary>
    public DateTime At { get; set; }

    public Signal Signal { get; set; }
    public int? ExitCode { get; set; }
    public long? DurationMs { get; set; }

    /// <summary>A message or the tail of the output, at most 10 KiB, marked where it was cut.</summary>
    public string? Output { get; set; }

    public string? RemoteAddress { get; set; }

    public TimeSpan? Duration => DurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
}
