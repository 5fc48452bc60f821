using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Scripto.Core.Notifications.Formats;

/// <summary>
/// The words every channel kind shares: the title line, the opening sentence, each script's facts, times and durations.
/// Written once so that an email, a Slack post and an ntfy push say the same thing; each kind only escapes and lays out.
/// The text here is raw (script names and outputs as reported): every format escapes it for its own markup.
/// </summary>
public static partial class MessageText
{
    public const string Product = "[Scripto]";

    /// <summary>
    /// "[Scripto] DOWN: backup.sh on db-1", "[Scripto] DOWN: 3 scripts on db-1: backup.sh, vacuum.sh +1",
    /// "[Scripto] 2 DOWN, 1 RESOLVED on db-1: backup.sh, vacuum.sh", "[Scripto] RESOLVED: 2 scripts on db-1: backup.sh, rotate-logs",
    /// "[Scripto] TEST: ops-webhook". A message that lists scripts still down never opens with RESOLVED, and the counts
    /// and names say what changed, so that two messages with different contents never share a subject (a mail client
    /// threads, and hides, messages by their subject).
    /// </summary>
    public static string Title(NotificationMessage message) => message.Event switch
    {
        NotificationEvent.Silent => $"{Product} SILENT: {message.Server} ({Count(message.Scripts.Count)} affected)",
        NotificationEvent.Reminder when message.Server is not null => $"{Product} STILL SILENT: {message.Server} ({Count(message.Scripts.Count)} affected)",
        NotificationEvent.Resolved when message.Server is not null => message.Scripts.Count > 0
            ? $"{Product} {message.Scripts.Count} STILL DOWN{ResolvedCount(message)}: {message.Server} reports again"
            : $"{Product} RESOLVED: {message.Server} reports again" + (message.Resolved.Count > 0 ? $" ({message.Resolved.Count} recovered)" : ""),
        NotificationEvent.Anomaly => $"{Product} UNUSUAL RUN: {Subject(message, message.Scripts)}",
        NotificationEvent.Down or NotificationEvent.Reminder or NotificationEvent.Resolved when message.Scripts.Count > 0 && message.Resolved.Count > 0 =>
            $"{Product} {message.Scripts.Count} {(message.Event == NotificationEvent.Reminder ? "STILL DOWN" : "DOWN")}{ResolvedCount(message)}{Place(message)}: "
            + Names(DownNewestFirst(message)),
        NotificationEvent.Down => $"{Product} DOWN: {Subject(message, DownNewestFirst(message))}",
        NotificationEvent.Reminder => $"{Product} STILL DOWN: {Subject(message, DownNewestFirst(message))}",
        NotificationEvent.Flapping => $"{Product} FLAPPING: {Subject(message, message.Scripts)}",
        NotificationEvent.Resolved => $"{Product} RESOLVED: {Subject(message, ResolvedNewestFirst(message))}",
        NotificationEvent.Test => $"{Product} TEST: {message.Channel}",
        _ => $"{Product} {message.Event}",
    };

    /// <summary>The sentence that opens the message, under the title.</summary>
    public static string Intro(NotificationMessage message)
    {
        var down = message.Scripts.Count;
        var place = Place(message);
        return message.Event switch
        {
            NotificationEvent.Silent => $"{message.Server} is silent: {Count(down)} affected{HeartbeatClause(message)}. "
                + "Their own messages are muted until it reports again.",
            NotificationEvent.Reminder when message.Server is not null => $"{message.Server} is still silent: {Count(down)} affected{HeartbeatClause(message)}.",
            NotificationEvent.Resolved when message.Server is not null => $"{message.Server} reports again{(message.Heartbeat is { } beat ? $" (its heartbeat {beat} is up)" : "")}."
                + (down > 0 ? $" {(down == 1 ? "1 of its scripts is" : $"{down} of its scripts are")} still down." : ""),
            NotificationEvent.Anomaly => $"{(down == 1 ? "1 run" : $"{down} runs")}{place} took far longer or shorter than usual (more than 3× or less than a third of the median of the last 20).",
            NotificationEvent.Down => $"{Count(down)} {(down == 1 ? "is" : "are")} down{place}.",
            NotificationEvent.Reminder => $"{Count(down)} {(down == 1 ? "is" : "are")} still down{place}.",
            NotificationEvent.Flapping =>
                $"{Count(down)}{place} changed status too often; no more messages about {(down == 1 ? "it" : "them")} until stable for an hour.",
            NotificationEvent.Resolved => $"Everything{place} that was announced down has recovered.",
            NotificationEvent.Test => $"A test message from Scripto to the channel \"{message.Channel}\": it works.",
            _ => "",
        };
    }

    /// <summary>What the list of <see cref="NotificationMessage.Scripts"/> is headed by: "Down", "Affected", "Still down", "Unusual runs".</summary>
    public static string ScriptsHeading(NotificationMessage message) => message.Event switch
    {
        NotificationEvent.Silent => "Affected",
        NotificationEvent.Reminder when message.Server is not null => "Affected",
        NotificationEvent.Resolved => "Still down",
        NotificationEvent.Anomaly => "Unusual runs",
        _ => "Down",
    };

    /// <summary>The scripts that are down, newest first (the most recent failure is the likeliest cause).</summary>
    public static IReadOnlyList<NotifiedScript> DownNewestFirst(NotificationMessage message) =>
        message.Scripts.OrderByDescending(s => Utc(s.Since)).ToList();

    /// <summary>The scripts that recovered since the group's last message, most recently gone down first.</summary>
    public static IReadOnlyList<NotifiedScript> ResolvedNewestFirst(NotificationMessage message) =>
        message.Resolved.OrderByDescending(s => Utc(s.Since)).ToList();

    /// <summary>The facts shown for one script, in order; absent ones are left out.</summary>
    public static IReadOnlyList<(string Label, string Value)> Facts(NotifiedScript script, bool resolved)
    {
        var facts = new List<(string, string)>();
        if (script.Server.Length > 0) facts.Add(("Server", script.Server)); // a script with no server is just its name
        if (resolved)
        {
            if (script.DownForSeconds is { } seconds) facts.Add(("Down for", Duration(seconds)));
        }
        else
        {
            if (script.Reason.Length > 0) facts.Add(("Reason", script.Reason));
            facts.Add((script.Status is "ok" or "soon" or "running" ? "At" : "Down since", Time(script.Since))); // "At": an unusual run of a script that is fine
        }
        if (script.LastRun is { } lastRun) facts.Add(("Last run", Time(lastRun)));
        if (script.LastExitCode is { } code) facts.Add(("Last exit code", code.ToString(CultureInfo.InvariantCulture)));
        if (!string.IsNullOrEmpty(script.LastOutputLine)) facts.Add(("Last output", OneLine(script.LastOutputLine)));
        return facts;
    }

    /// <summary>One line of plain text about a script: "backup.sh on db-1: no report 20 min after due, since 2026-11-26 01:50 UTC".</summary>
    public static string Summary(NotifiedScript script, bool resolved) => resolved
        ? $"{Named(script.Name, script.Server)}: recovered" + (script.DownForSeconds is { } s ? $" after {Duration(s)} down" : "")
        : $"{Named(script.Name, script.Server)}: {(script.Reason.Length > 0 ? script.Reason : script.Status)}, since {Time(script.Since)}";

    /// <summary>"2026-11-26 01:50 UTC": what a person reads.</summary>
    public static string Time(DateTime time) => Utc(time).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"2026-11-26T01:50:00Z": what a program reads (the webhook body).</summary>
    public static string Iso(DateTime time) => Utc(time).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"45s", "12m", "2h 5m", "3d 4h": the two largest units.</summary>
    public static string Duration(long seconds)
    {
        if (seconds < 60) return $"{Math.Max(0, seconds)}s";
        var span = TimeSpan.FromSeconds(seconds);
        if (span.TotalHours < 1) return $"{span.Minutes}m";
        if (span.TotalDays < 1) return span.Minutes == 0 ? $"{span.Hours}h" : $"{span.Hours}h {span.Minutes}m";
        return span.Hours == 0 ? $"{span.Days}d" : $"{span.Days}d {span.Hours}h";
    }

    /// <summary>Where a click on the message goes: the newest script's page, if the message lists one.</summary>
    public static string? FirstLink(NotificationMessage message) =>
        DownNewestFirst(message).Concat(ResolvedNewestFirst(message)).Select(s => s.Url).FirstOrDefault(u => !string.IsNullOrEmpty(u));

    /// <summary>
    /// Terminal escape sequences (ANSI colours, cursor moves, titles) removed, and other control characters (line breaks
    /// included) made spaces: an output line quoted in a message stays one line of what a person read in the terminal.
    /// </summary>
    public static string OneLine(string text)
    {
        text = Plain(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsControl(c) ? ' ' : c);
        return builder.ToString();
    }

    /// <summary>Text without its terminal escape sequences ("\e[31mERROR\e[0m" is "ERROR"), for what a message quotes from a script's output.</summary>
    public static string Plain(string text) => text.Contains('\u001b') || text.Contains('\u009b') ? Escapes().Replace(text, "") : text;

    /// <summary>CSI (colours, cursor), OSC (titles, links; ended by BEL or ST) and the two-character escapes.</summary>
    [GeneratedRegex(@"(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?")]
    private static partial Regex Escapes();

    /// <summary>"backup.sh on db-1", or "backup.sh" for a script with no server.</summary>
    public static string Named(string name, string server) => server.Length > 0 ? $"{name} on {server}" : name;

    /// <summary>Cuts text to at most <paramref name="max"/> characters, ending with an ellipsis when cut.</summary>
    public static string Clip(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    internal static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time.ToUniversalTime(),
    };

    /// <summary>Where the group is, as the title and intro say it: " on db-1", " tagged nightly", or nothing.</summary>
    private static string Place(NotificationMessage message) =>
        string.IsNullOrEmpty(message.GroupKey) ? ""
        : message.GroupBy == "server" ? $" on {message.GroupKey}"
        : message.GroupBy == "tag" ? $" tagged {message.GroupKey}"
        : "";

    private static string HeartbeatClause(NotificationMessage message) =>
        message.Heartbeat is { } beat ? $" (its heartbeat {beat} is down)" : "";

    private static string Count(int scripts) => scripts == 1 ? "1 script" : $"{scripts} scripts";

    /// <summary>"backup.sh on db-1" for one script; "3 scripts on db-1: backup.sh, vacuum.sh +1" for several.</summary>
    private static string Subject(NotificationMessage message, IReadOnlyList<NotifiedScript> scripts)
    {
        if (scripts.Count == 1) return Named(scripts[0].Name, scripts[0].Server);
        return Count(scripts.Count) + Place(message) + (scripts.Count > 0 ? ": " + Names(scripts) : "");
    }

    /// <summary>The first two names, then how many more: "backup.sh, vacuum.sh +3".</summary>
    private static string Names(IReadOnlyList<NotifiedScript> scripts) =>
        string.Join(", ", scripts.Take(2).Select(s => s.Name)) + (scripts.Count > 2 ? $" +{scripts.Count - 2}" : "");

    private static string ResolvedCount(NotificationMessage message) =>
        message.Resolved.Count > 0 ? $", {message.Resolved.Count} RESOLVED" : "";
}
