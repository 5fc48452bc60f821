using Scripto.Core.Notifications.Channels;
using Scripto.Core.Scripts;

namespace Scripto.Core.Notifications.Grouping;

/// <summary>
/// What a group's message says, when there is one to send: its event, the scripts down now (newest first) and those
/// resolved; for a server's silence (and its end), the server and the heartbeat that told it.
/// </summary>
public sealed record GroupMessage(NotificationEvent Event, IReadOnlyList<GroupMember> Down, IReadOnlyList<GroupMember> Resolved,
    string? Server = null, string? Heartbeat = null);

/// <summary>
/// Alertmanager's aggregation group, as pure functions of the group, the channel and the time. A group's first
/// message waits group_wait so that scripts failing together arrive together; after that it is looked at every
/// group_interval and speaks only when something changed: a script newly down (a "down" listing every script
/// down), or everything announced recovered (a "resolved"), or repeat_interval passed with scripts still down (a
/// "reminder"). A script that recovers before it was announced is never mentioned.
/// Inhibition with equal: [server]: when a server of the group is silent (<see cref="ServerSilence"/>), its down
/// scripts make one "silent" message, and later ones are muted, until the server speaks: one "resolved" for it.
/// </summary>
public static class GroupRules
{
    public static void Down(AlertGroup group, Channel channel, GroupMember member, DateTime now)
    {
        var members = group.Members;
        members.Recovered.RemoveAll(m => m.ScriptId == member.ScriptId); // down again before its recovery was told: it is simply down
        if (members.Down.Any(m => m.ScriptId == member.ScriptId)) return;
        members.Down.Add(member);
        group.Members = members;
        group.FlushAt ??= now + channel.GroupWait; // a new group waits group_wait; a running one its next interval
    }

    public static void Up(AlertGroup group, long scriptId, DateTime at)
    {
        var members = group.Members;
        if (members.Down.Find(m => m.ScriptId == scriptId) is not { } member) return;
        members.Down.Remove(member);
        if (member.Announced) members.Recovered.Add(member with { RecoveredAt = at });
        group.Members = members;
    }

    /// <summary>Takes a script out of the group without a word (a flapping one deleted: its recovery would be no news).</summary>
    public static void Forget(AlertGroup group, long scriptId)
    {
        var members = group.Members;
        members.Down.RemoveAll(m => m.ScriptId == scriptId);
        members.Recovered.RemoveAll(m => m.ScriptId == scriptId);
        group.Members = members;
    }

    /// <summary>A run far longer or shorter than usual, told with the group's next message (a channel that asks for them only).</summary>
    public static void Anomaly(AlertGroup group, Channel channel, GroupMember member, DateTime now)
    {
        var members = group.Members;
        members.Anomalies.Add(member);
        group.Members = members;
        group.FlushAt ??= now + channel.GroupWait;
    }

    /// <summary>
    /// The messages due at <paramref name="now"/>, if any; moves the group on to its next look (or ends it: FlushAt
    /// null). <paramref name="scriptsOf"/> gives a server's scripts as stored, to tell whether it is silent.
    /// </summary>
    /// <paramref name="inMaintenance"/> tells a script in a maintenance window: no reminder speaks of it meanwhile.
    public static IReadOnlyList<GroupMessage> Flush(AlertGroup group, Channel channel, DateTime now, Func<string, IReadOnlyList<Script>>? scriptsOf = null,
        Func<long, bool>? inMaintenance = null)
    {
        var members = group.Members;
        var messages = new List<GroupMessage>();
        if (scriptsOf is not null) Silences(members, channel, now, scriptsOf, messages);

        var silent = members.Silent.Select(s => s.Server).ToHashSet(StringComparer.Ordinal);
        // A silent server's scripts are muted: announced as part of its silence, whenever they go down.
        members.Down = members.Down.Select(m => silent.Contains(m.Server) && !m.Announced ? m with { Announced = true, Silenced = true } : m).ToList();
        var loose = members.Down.Where(m => !silent.Contains(m.Server)).ToList();
        var recovered = members.Recovered.Where(m => !m.Silenced).ToList();
        var repeatDue = channel.RepeatInterval is { } repeat && group.LastSentAt is { } last && now - last >= repeat;
        if (loose.Any(m => !m.Announced))
        {
            messages.Add(new(NotificationEvent.Down, NewestFirst(loose), channel.SendResolved ? recovered : []));
            members.Down = members.Down.Select(m => silent.Contains(m.Server) ? m : m with { Announced = true }).ToList();
            members.Recovered.RemoveAll(m => !m.Silenced);
        }
        else if (loose.Count == 0 && recovered.Count > 0)
        {
            if (channel.SendResolved) messages.Add(new(NotificationEvent.Resolved, [], recovered));
            members.Recovered.RemoveAll(m => !m.Silenced);
        }
        else if (loose.Where(m => inMaintenance?.Invoke(m.ScriptId) != true).ToList() is { Count: > 0 } remind && repeatDue)
        {
            messages.Add(new(NotificationEvent.Reminder, NewestFirst(remind), channel.SendResolved ? recovered : []));
            members.Recovered.RemoveAll(m => !m.Silenced);
        }
        if (repeatDue)
            foreach (var server in members.Silent.Where(s => !messages.Any(m => m.Server == s.Server)))
                messages.Add(new(NotificationEvent.Reminder, NewestFirst(members.Down.Where(m => m.Server == server.Server).ToList()), [], server.Server, server.Heartbeat));

        if (members.Anomalies.Count > 0)
        {
            messages.Add(new(NotificationEvent.Anomaly, members.Anomalies.OrderByDescending(m => m.Since).ToList(), []));
            members.Anomalies.Clear();
        }
        if (messages.Count > 0) group.LastSentAt = now;
        group.Members = members;
        group.FlushAt = IsEmpty(members) ? null : now + channel.GroupInterval;
        return messages;
    }

    /// <summary>True when the group holds nothing and can be forgotten.</summary>
    public static bool IsEmpty(AlertGroup group) => IsEmpty(group.Members);

    private static bool IsEmpty(GroupMembers members) =>
        members is { Down.Count: 0, Recovered.Count: 0, Silent.Count: 0, Anomalies.Count: 0 };

    /// <summary>
    /// Ends the silences of servers that spoke (one resolved each, listing their scripts recovered and those still
    /// down, which from then on are this group's like any other), then starts those of servers newly silent (one
    /// "silent" each, listing their scripts down).
    /// </summary>
    private static void Silences(GroupMembers members, Channel channel, DateTime now, Func<string, IReadOnlyList<Script>> scriptsOf, List<GroupMessage> messages)
    {
        var spoke = new HashSet<string>(StringComparer.Ordinal);
        foreach (var silent in members.Silent.ToList())
        {
            if (!ServerSilence.Spoke(silent, scriptsOf(silent.Server), now)) continue;
            members.Silent.Remove(silent);
            spoke.Add(silent.Server);
            var recovered = members.Recovered.Where(m => m.Server == silent.Server && m.Silenced).ToList();
            members.Recovered.RemoveAll(m => m.Server == silent.Server && m.Silenced);
            var stillDown = members.Down.Where(m => m.Server == silent.Server).ToList();
            // Still down once the server speaks: told now, in the resolved message, and on their own from now on.
            members.Down = members.Down.Select(m => m.Server == silent.Server ? m with { Announced = true, Silenced = false } : m).ToList();
            if (channel.SendResolved || stillDown.Count > 0)
                messages.Add(new(NotificationEvent.Resolved, NewestFirst(stillDown), channel.SendResolved ? recovered : [], silent.Server, silent.Heartbeat));
        }
        foreach (var server in members.Down.Select(m => m.Server).Distinct(StringComparer.Ordinal).ToList())
        {
            if (spoke.Contains(server) || members.Silent.Any(s => s.Server == server)) continue;
            if (ServerSilence.Of(scriptsOf(server), now) is not { } quiet) continue;
            members.Silent.Add(new SilentServer(server, quiet.Since, quiet.LastReport, quiet.Heartbeat));
            var affected = members.Down.Where(m => m.Server == server).ToList();
            messages.Add(new(NotificationEvent.Silent, NewestFirst(affected), [], server, quiet.Heartbeat));
            members.Down = members.Down.Select(m => m.Server == server && !m.Announced ? m with { Announced = true, Silenced = true } : m).ToList();
        }
    }

    private static List<GroupMember> NewestFirst(List<GroupMember> down) =>
        down.OrderByDescending(m => m.Since).ThenByDescending(m => m.ScriptId).ToList();
}
