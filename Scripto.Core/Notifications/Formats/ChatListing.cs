namespace Scripto.Core.Notifications.Formats;

/// <summary>
/// What a chat message lists: the down scripts then the resolved ones, cut at a length the service accepts. What is
/// left out is counted ("… and 12 more"), so a bad night is still one message that the service does not refuse.
/// </summary>
internal sealed class ChatListing
{
    private ChatListing(IReadOnlyList<NotifiedScript> down, IReadOnlyList<NotifiedScript> resolved, int more)
    {
        Down = down;
        Resolved = resolved;
        More = more;
    }

    public IReadOnlyList<NotifiedScript> Down { get; }
    public IReadOnlyList<NotifiedScript> Resolved { get; }
    public int More { get; }

    public string MoreLine => $"… and {More} more in Scripto.";

    /// <summary>
    /// Takes scripts while the rendered total stays within <paramref name="budget"/> (in the service's units, as
    /// <paramref name="size"/> measures them) and within <paramref name="maxScripts"/>, keeping room for the "more" line.
    /// </summary>
    public static ChatListing Fit(NotificationMessage message, int maxScripts, int budget, Func<NotifiedScript, bool, int> size)
    {
        var down = MessageText.DownNewestFirst(message);
        var resolved = MessageText.ResolvedNewestFirst(message);
        var total = down.Count + resolved.Count;
        var room = budget - 40; // the "… and N more" line
        var keptDown = new List<NotifiedScript>();
        var keptResolved = new List<NotifiedScript>();
        foreach (var (script, isResolved) in down.Select(s => (s, false)).Concat(resolved.Select(s => (s, true))))
        {
            var cost = size(script, isResolved);
            if (keptDown.Count + keptResolved.Count >= maxScripts || cost > room) break;
            room -= cost;
            (isResolved ? keptResolved : keptDown).Add(script);
        }
        return new ChatListing(keptDown, keptResolved, total - keptDown.Count - keptResolved.Count);
    }
}
