using System.Text.Json.Serialization;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api.V2;

/// <summary>What a v2 report answers: the script as it stands after the report, times in ISO 8601 UTC.</summary>
public sealed record V2Script(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("schedule")] string Schedule,
    [property: JsonPropertyName("grace_seconds")] long GraceSeconds,
    [property: JsonPropertyName("max_runtime_seconds")] long? MaxRuntimeSeconds,
    [property: JsonPropertyName("min_runtime_seconds")] long? MinRuntimeSeconds,
    [property: JsonPropertyName("last_run")] DateTime? LastRun,
    [property: JsonPropertyName("last_exit_code")] int? LastExitCode,
    [property: JsonPropertyName("last_duration_ms")] long? LastDurationMs,
    [property: JsonPropertyName("running_since")] DateTime? RunningSince,
    [property: JsonPropertyName("next_due")] DateTime? NextDue,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("heartbeat")] bool Heartbeat)
{
    public static V2Script From(Script s, DateTime now, string baseUrl) => new(
        s.Id, s.Name, s.Server, ScriptTags.Split(s.Tags),
        StatusWords.WireName(ScriptStatusRule.Of(s, now)),
        s.Schedule.Describe(),
        (long)s.Schedule.EffectiveGrace(s.DueAt ?? now).TotalSeconds,
        s.MaxRuntimeSeconds, s.MinRuntimeSeconds,
        s.LastExec, s.LastExitCode, s.LastDurationMs,
        s.IsRunning ? s.StartedAt : null,
        s.DueAt,
        $"{baseUrl.TrimEnd('/')}/scripts/{s.Id}",
        s.Heartbeat);
}
