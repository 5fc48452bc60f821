using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scripto.Web.Api.V1;

/// <summary>The fields of a script that a client sets. <c>name</c> is required to create one.</summary>
/// <remarks>
/// What a v1 write reads (<see cref="V1Json"/>) and what the API's document shows. A field present, even as null, is a
/// change; one left out is not (<see cref="Given"/>). Other fields are kept, to be named all in one answer.
/// </remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed class V1ScriptInput
{
    [Flags]
    public enum Fields { None = 0, Name = 1, Server = 2, Status = 4, LastExec = 8, Periodicity = 16 }

    /// <summary>The script's name, 1 to 255 characters.</summary>
    [JsonPropertyName("name")] public string? Name { get; init { field = value; Given |= Fields.Name; } }

    /// <summary>The host it runs on, at most 255 characters.</summary>
    [JsonPropertyName("server")] public string? Server { get; init { field = value; Given |= Fields.Server; } }

    /// <summary>Did the last run succeed: true/false or 1/0.</summary>
    [JsonPropertyName("status")] public bool? Status { get; init { field = value; Given |= Fields.Status; } }

    /// <summary>When it last ran: UTC YYYY-MM-DDTHH:mm:ss, ISO 8601 with an offset, a date, or CURRENT_TIMESTAMP.</summary>
    [JsonPropertyName("last_exec")] public string? LastExec { get; init { field = value; Given |= Fields.LastExec; } }

    /// <summary>hourly, daily, weekly, monthly or null.</summary>
    [JsonPropertyName("periodicity")] public string? Periodicity { get; init { field = value; Given |= Fields.Periodicity; } }

    /// <summary>The fields the body held.</summary>
    [JsonIgnore] public Fields Given { get; private set; }

    /// <summary>Any other field: <c>id</c> (a client sending the resource back), or a mistake to name.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Others { get; init; }
}
