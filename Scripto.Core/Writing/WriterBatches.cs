using System.Diagnostics.Metrics;

namespace Scripto.Core.Writing;

/// <summary>
/// How many changes the writer commits together: the instruments <c>writer.batches</c> (one per commit, tagged with
/// its size's bucket) and <c>writer.batched_changes</c> of the "Scripto" meter, exported as
/// <c>scripto_writer_batches{size="..."}</c> and <c>scripto_writer_batched_changes</c>. A batch's costs (BEGIN and
/// COMMIT, the file's stat, the feed's publish, the planner's wake) are paid once per batch, so these say how many
/// reports share them. One measurement of each per batch, none per report.
/// </summary>
public sealed class WriterBatches
{
    private static readonly KeyValuePair<string, object?>[][] Buckets =
        [.. new[] { "1", "2", "3-4", "5-8", "9-16", "17-32", "33-64", "65+" }.Select(b => new[] { new KeyValuePair<string, object?>("size", b) })];

    private readonly Counter<long>? _batches;
    private readonly Counter<long>? _changes;

    public WriterBatches(IMeterFactory? meters = null)
    {
        var meter = meters?.Create("Scripto");
        _batches = meter?.CreateCounter<long>("writer.batches", null, "Batches the writer committed, by how many changes each held.");
        _changes = meter?.CreateCounter<long>("writer.batched_changes", null, "Changes the writer committed in batches.");
    }

    /// <summary>Called by the writer's loop only, once per committed batch.</summary>
    internal void Record(int size)
    {
        if (_batches is null) return;
        _batches.Add(1, Buckets[Bucket(size)]);
        _changes!.Add(size);
    }

    internal static int Bucket(int size) => size <= 2 ? Math.Max(size, 1) - 1 : Math.Min(32 - int.LeadingZeroCount(size - 1), 7);
}
