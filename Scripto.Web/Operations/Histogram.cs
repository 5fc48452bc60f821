using System.Diagnostics;

namespace Scripto.Web.Operations;

/// <summary>A Prometheus histogram with fixed buckets, safe to observe from any thread without a lock.</summary>
public sealed class Histogram(double[] upperBounds)
{
    private readonly long[] _counts = new long[upperBounds.Length + 1]; // the last is +Inf
    private long _sumTicks;

    public IReadOnlyList<double> UpperBounds => upperBounds;

    public void Observe(long startTimestamp)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp);
        var seconds = elapsed.TotalSeconds;
        var i = 0;
        while (i < upperBounds.Length && seconds > upperBounds[i]) i++;
        Interlocked.Increment(ref _counts[i]);
        Interlocked.Add(ref _sumTicks, elapsed.Ticks);
    }

    /// <summary>Cumulative counts per bucket (the last is +Inf, the total), and the sum in seconds.</summary>
    public (long[] Cumulative, double Sum) Read()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
            cumulative[i] = running += Volatile.Read(ref _counts[i]);
        return (cumulative, TimeSpan.FromTicks(Volatile.Read(ref _sumTicks)).TotalSeconds);
    }
}
