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
        var fields = new JsonFields(body).RefuseUnknown(Known, ReadOnly, "a channel");

        var input = new ChannelInput
        {
            Name = fields.Text("name"), Kind = fields.Text("kind"), Url = fields.Text("url"), To = fields.List("to"), Secret = fields.Text("secret"),
            Token = fields.Text("token"), ChatId = fields.Text("chat_id"), Servers = fields.List("servers"), Names = fields.List("names"), Tags = fields.List("tags"),
            GroupBy = fields.Text("group_by"), GroupWait = fields.Text("group_wait"), GroupInterval = fields.Text("group_interval"),
            RepeatInterval = fields.Text("repeat_interval"), SendResolved = fields.Flag("send_resolved"), Anomalies = fields.Flag("anomalies"),
        };
        return fields.Errors.Count > 0 ? (null, fields.Errors) : (input, fields.Errors);
    }
}
