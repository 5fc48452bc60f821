namespace Scripto.Core.Writing;

/// <summary>
/// Reports that entered an endpoint of the write path (v1 PUT, v2 ping) and are not queued yet: their body is being
/// read and checked. The writer, with a batch in hand, waits a little (<see cref="ScriptWriter.MaxWaitForComing"/> at
/// most) for those to join it instead of committing without them, so that reports arriving together share one
/// BEGIN/COMMIT; with none coming (a lone report) it commits at once.
/// </summary>
public sealed class ReportsComing
{
    private int _count;

    /// <summary>How many are on their way now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>A report entered its endpoint; dispose the arrival when it is queued or refused (the first dispose counts).</summary>
    public Arrival Arrive()
    {
        Interlocked.Increment(ref _count);
        return new Arrival(this);
    }

    public sealed class Arrival(ReportsComing coming) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Interlocked.Decrement(ref coming._count);
        }
    }
}
