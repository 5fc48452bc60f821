using System.Text.Json;

namespace Scripto.Core.Notifications.Grouping;

/// <summary>
/// One channel's group of scripts (all of them, or one server's): who is down in it, who recovered since its last
/// message, and when it is next looked at. Persisted, so a restart neither loses nor repeats a message.
/// </summary>
public sealed class AlertGroup
{
    public long Id { get; set; }
    public long ChannelId { get; set; }
    public string Key { get; set; } = "";

    /// <summary>When the group is next looked at: group_wait after it formed, then every group_interval. Null: nothing pending.</summary>
    public DateTime? FlushAt { get; set; }

    /// <summary>When its last message (down, resolved or reminder) went out.</summary>
    public DateTime? LastSentAt { get; set; }

    private string _membersJson = "{}";
    private GroupMembers? _members;

    /// <summary><see cref="Members"/> as stored.</summary>
    public string MembersJson
    {
        get => _membersJson;
        set => (_membersJson, _members) = (value, null);
    }

    /// <summary>Read once from the stored text; set it back after a change so that the text follows.</summary>
    public GroupMembers Members
    {
        get => _members ??= JsonSerializer.Deserialize<GroupMembers>(_membersJson) ?? new();
        set => (_membersJson, _members) = (JsonSerializer.Serialize(value), value);
    }
}

/// <summary>
/// The group's scripts that are down now, those announced that recovered since the group's last message, the
/// servers announced silent (whose scripts' own messages are muted meanwhile), and the anomalous runs to tell.
/// </summary>
public sealed class GroupMembers
{
    public List<GroupMember> Down { get; set; } = [];
    public List<GroupMember> Recovered { get; set; } = [];
    public List<SilentServer> Silent { get; set; } = [];
    public List<GroupMember> Anomalies { get; set; } = [];
}

/// <summary>
/// A script in a group; its name and server are kept so that one deleted meanwhile can still be told resolved.
/// <paramref name="Silenced"/>: announced only as one of its silent server's scripts, so its recovery is told by
/// the server's resolved message, not on its own. <paramref name="Flapping"/>: listed while it flaps (its changes
/// untold); its settling, not a recovery, takes it out.
/// </summary>
public sealed record GroupMember(long ScriptId, string Name, string Server, DateTime Since, string Reason, bool Announced = false, DateTime? RecoveredAt = null,
    bool Silenced = false, bool Flapping = false);

/// <summary>A server announced silent in a group: since when, its last report then (a later one means it spoke), and its heartbeat if that said so.</summary>
public sealed record SilentServer(string Server, DateTime Since, DateTime? LastReport, string? Heartbeat);
