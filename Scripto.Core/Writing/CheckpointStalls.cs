using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Scripto.Core.Writing;

/// <summary>
/// How long checkpoints hold the writer back: every report waiting on the writer waits that long too. The longest
/// since the start is the instrument <c>writer.longest_checkpoint_stall.seconds</c> of the "Scripto" meter (exported
/// as <c>scripto_writer_longest_checkpoint_stall_seconds</c>), kept as a counter that only ever rises to the new
/// longest, since prometheus-net does not export observable gauges.
/// </summary>
public sealed class CheckpointStalls
{
    private readonly UpDownCounter<double>? _longest;
    private long _longestTicks;

    public CheckpointStalls(IMeterFactory? meters = null) =>
        _longest = meters?.Create("Scripto").CreateUpDownCounter<double>("writer.longest_checkpoint_stall.seconds", "s",
            "The longest time a checkpoint held the writer (and every report waiting on it) back, since the start.");

    /// <summary>Shows the series from the start, at 0; called once an exporter listens.</summary>
    public void StartAtZero() => _longest?.Add(0);

    public TimeSpan Longest => TimeSpan.FromTicks(Volatile.Read(ref _longestTicks));

    /// <summary>Called by the writer's loop only.</summary>
    internal void Record(long startTimestamp)
    {
        var stall = Stopwatch.GetElapsedTime(startTimestamp);
        var previous = Longest;
        if (stall <= previous) return;
        Volatile.Write(ref _longestTicks, stall.Ticks);
        _longest?.Add((stall - previous).TotalSeconds);
    }
}
