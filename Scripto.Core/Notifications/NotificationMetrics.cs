using System.Collections.Concurrent;

namespace Scripto.Core.Notifications;

/// <summary>Deliveries by channel and outcome since start, for /metrics (scripto_notifications_total).</summary>
public sealed class NotificationMetrics
{
    private readonly ConcurrentDictionary<(string Channel, string Outcome), long> _counts = new();

    public void Count(string channel, string outcome) => _counts.AddOrUpdate((channel, outcome), 1, (_, n) => n + 1);

    public IReadOnlyList<(string Channel, string Outcome, long Count)> Snapshot() =>
        _counts.Select(c => (c.Key.Channel, c.Key.Outcome, c.Value)).OrderBy(c => c.Channel).ThenBy(c => c.Outcome).ToList();
}
