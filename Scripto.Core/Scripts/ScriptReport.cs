namespace Scripto.Core.Scripts;

/// <summary>A report of a run: its signal and what came with it.</summary>
public sealed record ScriptReport(Signal Signal, int? ExitCode = null, string? Output = null, TimeSpan? Duration = null, string? RemoteAddress = null)
{
    public const string TruncationMarker = "[… output truncated: the first {0} bytes were dropped …]\n";

    /// <summary>The tail of an output that fits in 10 KiB of UTF-8, marked visibly where it was cut.</summary>
    public static string? Tail(string? output)
    {
        if (output is null) return null;
        var bytes = System.Text.Encoding.UTF8.GetBytes(output);
        if (bytes.Length <= Run.MaxOutputBytes) return output;
        var keep = Run.MaxOutputBytes - 128; // room for the marker
        var start = bytes.Length - keep;
        while (start < bytes.Length && (bytes[start] & 0xC0) == 0x80) start++; // not inside a UTF-8 sequence
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, TruncationMarker, start)
            + System.Text.Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }
}
