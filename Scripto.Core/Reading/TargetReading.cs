using Scripto.Core.Scripts;
using Scripto.Core.Sharing;
using Scripto.Core.Uptime;

namespace Scripto.Core.Reading;

/// <summary>One script of a target, now and (when asked for) over the last 90 days.</summary>
public sealed record ScriptReading(long Id, string Name, ScriptStatus Status, StateHistory? History);

/// <summary>
/// A script, a tag or a server as a badge or a status page shows it: its state now (a tag's or a server's is its
/// worst script's; Never reported when it has none) and, when read with history, its uptime.
/// </summary>
public sealed record TargetReading(Target Target, string Name, IReadOnlyList<ScriptReading> Scripts, DateTime Now)
{
    public ScriptStatus Status => Scripts.Count == 0 ? ScriptStatus.NeverReported : Scripts.Min(s => s.Status);

    /// <summary>Uptime over the <paramref name="window"/> up to now: the scripts' up and watched times added up.</summary>
    public Tally Uptime(TimeSpan window) => Measure(Now - window, Now);

    /// <summary>One tally per UTC day, oldest first, the last one today so far.</summary>
    public IReadOnlyList<(DateOnly Day, Tally Tally)> Days(int count = UptimeWindows.Days)
    {
        var today = Now.Date;
        return Enumerable.Range(0, count).Select(i =>
        {
            var start = today.AddDays(i - count + 1);
            var end = start.AddDays(1) < Now ? start.AddDays(1) : Now;
            return (DateOnly.FromDateTime(start), Measure(DateTime.SpecifyKind(start, DateTimeKind.Utc), end));
        }).ToList();
    }

    private Tally Measure(DateTime from, DateTime to) =>
        Scripts.Aggregate(new Tally(), (sum, s) => sum + (s.History?.Measure(from, to) ?? throw new InvalidOperationException("read without history")));
}
