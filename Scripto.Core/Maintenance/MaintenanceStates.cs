namespace Scripto.Core.Maintenance;

/// <summary>Where a window stands, in the API's and the page's words.</summary>
public static class MaintenanceStates
{
    /// <summary>Covering now.</summary>
    public const string Active = "active";

    /// <summary>Not yet, or between two occurrences of a recurring window.</summary>
    public const string Upcoming = "upcoming";

    /// <summary>Over: its end passed, or it was ended early.</summary>
    public const string Over = "over";

    public static string Of(MaintenanceWindow window, DateTime now) =>
        window.At(now) is not null ? Active : window.Over(now) ? Over : Upcoming;
}
