namespace Scripto.Core.Maintenance;

/// <summary>
/// A window as asked for, in the API's words (times ISO 8601, durations as "30m", "2h", "1d"): one-off with from
/// (default now) and until or for; or recurring with cron, time_zone (default UTC) and duration.
/// </summary>
public sealed record MaintenanceInput
{
    public IReadOnlyList<string>? Servers { get; init; }
    public IReadOnlyList<string>? Names { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public string? From { get; init; }
    public string? Until { get; init; }
    public string? For { get; init; }
    public string? Cron { get; init; }
    public string? TimeZone { get; init; }
    public string? Duration { get; init; }
    public string? Reason { get; init; }
}
