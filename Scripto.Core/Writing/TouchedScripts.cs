namespace Scripto.Core.Writing;

/// <summary>
/// The scripts with new runs since their history was last trimmed, oldest first. First in, first pruned: with
/// more scripts than one pruning takes, those that keep reporting must not keep the others waiting forever
/// (a plain set handed back the same ones, whose slots they took again, every minute).
/// Filled by the writer's loop and, on PostgreSQL, by the listener with the scripts the other nodes wrote runs
/// for: whichever node leads trims them all (a set, so it holds each script once however long a node follows).
/// </summary>
internal sealed class TouchedScripts
{
    private readonly Lock _gate = new();
    private readonly HashSet<long> _pending = [];
    private readonly Queue<long> _order = new();

    public int Count
    {
        get { lock (_gate) return _pending.Count; }
    }

    public void Add(long id)
    {
        lock (_gate)
            if (_pending.Add(id)) _order.Enqueue(id);
    }

    /// <summary>Takes up to <paramref name="max"/> scripts, the longest waiting first.</summary>
    public List<long> Take(int max)
    {
        lock (_gate)
        {
            var taken = new List<long>(Math.Min(max, _order.Count));
            while (taken.Count < max && _order.TryDequeue(out var id))
            {
                _pending.Remove(id);
                taken.Add(id);
            }
            return taken;
        }
    }
}
