using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Scripto.Web.Api.V2;

/// <summary>
/// A ping's query parameters as sent, bound with <c>[AsParameters]</c>: the OpenAPI document lists them from here, and
/// <see cref="PingQuery.Read"/> turns them into what they mean. A new parameter is one more property.
/// </summary>
public sealed class PingParameters
{
    /// <summary>The parameters' names, from the properties below: any other is refused.</summary>
    public static readonly string[] Names = typeof(PingParameters).GetProperties()
        .Select(p => p.GetCustomAttribute<FromQueryAttribute>()!.Name!).ToArray();

    [FromQuery(Name = "server"), Description("The host the script runs on; the same name on two servers is two scripts. Default empty.")]
    public string? Server { get; init; }

    [FromQuery(Name = "schedule"), Description("hourly, daily, weekly, monthly, none, or an interval such as 15m, 6h, 2d, 1h30m.")]
    public string? Schedule { get; init; }

    [FromQuery(Name = "cron"), Description("A 5-field cron expression (instead of schedule).")]
    public string? Cron { get; init; }

    [FromQuery(Name = "tz"), Description("The IANA time zone of cron. Default UTC.")]
    public string? Tz { get; init; }

    [FromQuery(Name = "grace"), Description("How long after the due time a report may still come (1m to 7d). Default a tenth of the interval, 1 min to 1 h.")]
    public string? Grace { get; init; }

    [FromQuery(Name = "duration"), Description("Seconds the run took, when the reporter timed it itself.")]
    public string? Duration { get; init; }

    [FromQuery(Name = "failures"), Description("Failed runs in a row before notifications say it is down (1 to 100). Default 1.")]
    public string? Failures { get; init; }

    [FromQuery(Name = "recoveries"), Description("Good runs in a row before notifications say it recovered (1 to 100). Default 1.")]
    public string? Recoveries { get; init; }

    [FromQuery(Name = "tags"), Description("Comma-separated tags, replacing the script's (empty clears them): a-z, 0-9 and - _ . : after the first; at most 10 of 32 characters.")]
    public string? Tags { get; init; }

    [FromQuery(Name = "max_runtime"), Description("A run longer than this is down at once (1s to 7d, or off). Default: the schedule's grace.")]
    public string? MaxRuntime { get; init; }

    [FromQuery(Name = "min_runtime"), Description("A run that succeeds faster than this counts as failed, too short (1s to 7d, or off).")]
    public string? MinRuntime { get; init; }

    [FromQuery(Name = "heartbeat"), Description("1 marks the script as its server's heartbeat (while it is down, the server is silent: one message for all its scripts); 0 unmarks it.")]
    public string? Heartbeat { get; init; }
}
