using Scripto.Core.Notifications.Channels;

namespace Scripto.Core.Notifications.Grouping;

/// <summary>What a group's message says, when there is one to send: its event, the scripts down now (newest first) and those resolved.</summary>
public sealed record GroupMessage(NotificationEvent Event, IReadOnlyList<GroupMember> Down, IReadOnlyList<GroupMember> Resolved);

/// <summary>
/// Alertmanager's aggregation group, as pure functions of the group, the channel and the time. A group's first
/// message waits group_wait so that scripts failing together arrive together; after that it is looked at every
/// group_interval and speaks only when something changed: a script newly down (a "down" listing every script
/// down), or everything announced recovered (a "resolved"), or repeat_interval passed with scripts still down (a
/// "reminder"). A script that recovers before it was announced is never mentioned.
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

    /// <summary>The message due at <paramref name="now"/>, if any; moves the group on to its next look (or ends it: FlushAt null).</summary>
    public static GroupMessage? Flush(AlertGroup group, Channel channel, DateTime now)
    {
        var members = group.Members;
        GroupMessage? message = null;
        if (members.Down.Any(m => !m.Announced))
        {
            message = new(NotificationEvent.Down, NewestFirst(members.Down), channel.SendResolved ? members.Recovered.ToList() : []);
            members.Down = members.Down.Select(m => m with { Announced = true }).ToList();
            members.Recovered.Clear();
        }
        else if (members.Down.Count == 0 && members.Recovered.Count > 0)
        {
            if (channel.SendResolved) message = new(NotificationEvent.Resolved, [], members.Recovered.ToList());
            members.Recovered.Clear();
        }
        else if (members.Down.Count > 0 && channel.RepeatInterval is { } repeat && group.LastSentAt is { } last && now - last >= repeat)
        {
            message = new(NotificationEvent.Reminder, NewestFirst(members.Down), channel.SendResolved ? members.Recovered.ToList() : []);
            members.Recovered.Clear();
        }
        if (message is not null) group.LastSentAt = now;
        group.Members = members;
        group.FlushAt = members.Down.Count == 0 && members.Recovered.Count == 0 ? null : now + channel.GroupInterval;
        return message;
    }

    /// <summary>True when the group holds nothing and can be forgotten.</summary>
    public static bool IsEmpty(AlertGroup group) => group.Members is { Down.Count: 0, Recovered.Count: 0 };

    private static List<GroupMember> NewestFirst(List<GroupMember> down) =>
        down.OrderByDescending(m => m.Since).ThenByDescending(m => m.ScriptId).ToList();
}
