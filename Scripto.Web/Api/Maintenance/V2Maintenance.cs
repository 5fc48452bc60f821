using System.Text.Json.Serialization;
using Scripto.Core.Maintenance;
using Scripto.Core.Schedules;

namespace Scripto.Web.Api.Maintenance;

/// <summary>A stretch of a window, as shown.</summary>
public sealed record V2Occurrence(
    [property: JsonPropertyName("from")] DateTime From,
    [property: JsonPropertyName("until")] DateTime Until);

/// <summary>A maintenance window as the API shows it: what was asked, plus where it stands now.</summary>
public sealed record V2Maintenance(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("servers")] IReadOnlyList<string> Servers,
    [property: JsonPropertyName("names")] IReadOnlyList<string> Names,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("from")] DateTime? From,
    [property: JsonPropertyName("until")] DateTime? Until,
    [property: JsonPropertyName("cron")] string? Cron,
    [property: JsonPropertyName("time_zone")] string? TimeZone,
    [property: JsonPropertyName("duration")] string? Duration,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("created_by")] string CreatedBy,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("ended_at")] DateTime? EndedAt,
    [property: JsonPropertyName("current")] V2Occurrence? Current,
    [property: JsonPropertyName("next")] V2Occurrence? Next)
{
    public static V2Maintenance Of(MaintenanceWindow w, DateTime now)
    {
        var current = w.At(now);
        var next = w.Next(now);
        return new(w.Id, MaintenanceStates.Of(w, now), w.Servers, w.Names, w.Tags, w.StartsAt, w.EndsAt, w.Cron, w.TimeZone,
            w.Duration is { } d ? ScheduleText.FormatInterval(d) : null, w.Reason, w.CreatedBy, w.CreatedAt, w.EndedAt,
            current is { } c ? new(c.From, c.Until) : null, next is { } n ? new(n.From, n.Until) : null);
    }
}
