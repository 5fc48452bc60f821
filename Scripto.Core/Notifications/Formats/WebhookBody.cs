using System.Text.Json;

namespace Scripto.Core.Notifications.Formats;

/// <summary>The webhook body of the notifications contract, byte for byte what is signed and sent.</summary>
public static class WebhookBody
{
    public static byte[] Serialize(NotificationMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event", EventName(message.Event));
            json.WriteString("channel", message.Channel);
            json.WriteStartObject("group");
            json.WriteString("by", message.GroupBy);
            json.WriteString("key", message.GroupKey);
            json.WriteEndObject();
            if (message.Server is { } server)
            {
                json.WriteStartObject("silent");
                json.WriteString("server", server);
                if (message.Heartbeat is { } heartbeat) json.WriteString("heartbeat", heartbeat);
                else json.WriteNull("heartbeat");
                json.WriteEndObject();
            }
            WriteScripts(json, "scripts", MessageText.DownNewestFirst(message));
            WriteScripts(json, "resolved", MessageText.ResolvedNewestFirst(message));
            json.WriteString("sent_at", MessageText.Iso(message.SentAt));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>"down", "resolved", "reminder", "flapping", "test", "silent", "anomaly".</summary>
    public static string EventName(NotificationEvent notificationEvent) => notificationEvent.ToString().ToLowerInvariant();

    private static void WriteScripts(Utf8JsonWriter json, string name, IReadOnlyList<NotifiedScript> scripts)
    {
        json.WriteStartArray(name);
        foreach (var script in scripts)
        {
            json.WriteStartObject();
            json.WriteNumber("id", script.Id);
            json.WriteString("name", script.Name);
            json.WriteString("server", script.Server);
            json.WriteString("status", script.Status);
            json.WriteString("reason", script.Reason);
            json.WriteString("since", MessageText.Iso(script.Since));
            if (script.LastRun is { } lastRun) json.WriteString("last_run", MessageText.Iso(lastRun));
            else json.WriteNull("last_run");
            if (script.LastExitCode is { } code) json.WriteNumber("last_exit_code", code);
            else json.WriteNull("last_exit_code");
            json.WriteString("last_output_line", script.LastOutputLine is { } line ? MessageText.Plain(line) : null);
            json.WriteString("url", script.Url);
            if (script.DownForSeconds is { } seconds) json.WriteNumber("down_for_seconds", seconds);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
