using Scripto.Core.Scripts;

namespace Scripto.Core.Maintenance;

/// <summary>What a set of windows means for a script, and when that next changes. Pure: the time is an argument.</summary>
public static class MaintenanceCalendar
{
    /// <summary>When the windows covering <paramref name="script"/> at <paramref name="now"/> end (the latest); null when none covers it.</summary>
    public static DateTime? Until(IEnumerable<MaintenanceWindow> windows, Script script, DateTime now)
    {
        DateTime? until = null;
        foreach (var window in windows)
            if (window.Takes(script) && window.At(now) is { } current && (until is null || current.Until > until))
                until = current.Until;
        return until;
    }

    /// <summary>The first time after <paramref name="after"/> when a window starts or ends.</summary>
    public static DateTime? NextBoundary(IEnumerable<MaintenanceWindow> windows, DateTime after)
    {
        DateTime? next = null;
        foreach (var window in windows)
            if (window.NextBoundary(after) is { } at && (next is null || at < next))
                next = at;
        return next;
    }
}
