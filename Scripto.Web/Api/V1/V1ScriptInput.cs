using System.Text.Json.Serialization;

namespace Scripto.Web.Api.V1;

/// <summary>The fields of a script that a client sets. <c>name</c> is required to create one.</summary>
/// <remarks>For the API's documentation only: <see cref="V1Body"/> reads the body by hand.</remarks>
public sealed class V1ScriptInput
{
    /// <summary>The script's name, 1 to 255 characters.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The host it runs on, at most 255 characters.</summary>
    [JsonPropertyName("server")] public string? Server { get; init; }

    /// <summary>Did the last run succeed: true/false or 1/0.</summary>
    [JsonPropertyName("status")] public bool? Status { get; init; }

    /// <summary>When it last ran: UTC YYYY-MM-DDTHH:mm:ss, ISO 8601 with an offset, a date, or CURRENT_TIMESTAMP.</summary>
    [JsonPropertyName("last_exec")] public string? LastExec { get; init; }

    /// <summary>hourly, daily, weekly, monthly or null.</summary>
    [JsonPropertyName("periodicity")] public string? Periodicity { get; init; }
}
