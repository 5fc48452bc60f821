namespace Scripto.Core.Writing;

/// <summary>
/// The scripts with new runs since their history was last trimmed, oldest first. First in, first pruned: with
/// more scripts than one pruning takes, those that keep reporting must not keep the others waiting forever
/// (a plain set handed back the same ones, whose slots they took again, every minute).
/// </summary>
internal sealed class TouchedScripts
{
    private readonly HashSet<long> _pending = [];
    private readonly Queue<long> _order = new();

    public int Count => _pending.Count;

    public void Add(long id)
    {
        if (_pending.Add(id)) _order.Enqueue(id);
    }

    /// <summary>Takes up to <paramref name="max"/> scripts, the longest waiting first.</summary>
    public List<long> Take(int max)
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
