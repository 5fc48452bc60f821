using System.Globalization;
using System.Text.Json.Serialization;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api.V1;

/// <summary>The v1 resource, field for field as the original answered it (keys in its alphabetical order).</summary>
public sealed record V1Script(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("last_exec")] string? LastExec,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("periodicity")] string? Periodicity,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("status")] bool? Status)
{
    /// <summary>The original's timestamp format: UTC, no offset, no fraction.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public static V1Script From(Script s) => new(
        s.Id,
        s.LastExec?.ToString(TimeFormat, CultureInfo.InvariantCulture),
        s.Name,
        s.Periodicity?.ToWire(),
        s.Server,
        s.LastStatus);
}

/// <summary>The original's paginated list (Flask-Restless).</summary>
public sealed record V1ScriptPage(
    [property: JsonPropertyName("num_results")] int NumResults,
    [property: JsonPropertyName("objects")] IReadOnlyList<V1Script> Objects,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("total_pages")] int TotalPages);
