using System.Text.Json;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api.Channels;

/// <summary>
/// Reads a channel's JSON body into a <see cref="ChannelInput"/>: each field of the JSON type it must have,
/// no unknown field (a typo must not pass silently). The domain rules are ChannelRules'.
/// </summary>
public static class ChannelJson
{
    /// <summary>Shown back by GET: accepted and ignored, so that what a GET returned can be PUT back.</summary>
    private static readonly string[] ReadOnly = ["id", "state", "last_error", "has_secret", "has_token"];

    private static readonly string[] Known =
        ["name", "kind", "url", "to", "secret", "token", "chat_id", "servers", "names", "tags", "group_by", "group_wait", "group_interval", "repeat_interval", "send_resolved", "anomalies"];

    public static (ChannelInput? Input, List<FieldError> Errors) Read(JsonElement body)
    {
        var errors = new List<FieldError>();
        foreach (var property in body.EnumerateObject().Where(p => !Known.Contains(p.Name) && !ReadOnly.Contains(p.Name)))
            errors.Add(new(Excerpt.Of(property.Name), $"is not a field of a channel (they are {string.Join(", ", Known)})"));

        string? Text(string field)
        {
            if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            errors.Add(new(field, "must be a string"));
            return null;
        }
        IReadOnlyList<string>? List(string field)
        {
            if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.String) return [value.GetString()!]; // one address is a list of one
            if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
                return value.EnumerateArray().Select(e => e.GetString()!).ToList();
            errors.Add(new(field, "must be a list of strings"));
            return null;
        }
        bool? Flag(string field)
        {
            if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
            errors.Add(new(field, "must be true or false"));
            return null;
        }

        var input = new ChannelInput
        {
            Name = Text("name"), Kind = Text("kind"), Url = Text("url"), To = List("to"), Secret = Text("secret"),
            Token = Text("token"), ChatId = Text("chat_id"), Servers = List("servers"), Names = List("names"), Tags = List("tags"),
            GroupBy = Text("group_by"), GroupWait = Text("group_wait"), GroupInterval = Text("group_interval"),
            RepeatInterval = Text("repeat_interval"), SendResolved = Flag("send_resolved"), Anomalies = Flag("anomalies"),
        };
        return errors.Count > 0 ? (null, errors) : (input, errors);
    }
}
