namespace Scripto.Core.Notifications.Channels;

/// <summary>
/// Where messages go and how they are grouped (Alertmanager's model). Secrets (Secret, Token) are write-only:
/// only the dispatcher reads them back, to sign or address a message; <see cref="ChannelView"/> is what is shown.
/// </summary>
public sealed class Channel
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Url { get; set; }
    public List<string> To { get; set; } = [];
    public string? Secret { get; set; }
    public string? Token { get; set; }
    public string? ChatId { get; set; }

    /// <summary>Which scripts: servers (exact) and names (globs with * and ?); empty means every script.</summary>
    public List<string> Servers { get; set; } = [];
    public List<string> Names { get; set; } = [];

    /// <summary>Scripts carrying any of these tags (empty: any script).</summary>
    public List<string> Tags { get; set; } = [];

    public string GroupBy { get; set; } = ChannelRules.GroupByServer;
    public long GroupWaitSeconds { get; set; }
    public long GroupIntervalSeconds { get; set; }

    /// <summary>Reminders while anything in a group is still down; null is off.</summary>
    public long? RepeatIntervalSeconds { get; set; }

    public bool SendResolved { get; set; } = true;

    /// <summary>Also tell runs far longer or shorter than usual (RunAnomalies); off by default: nothing failed.</summary>
    public bool Anomalies { get; set; }

    /// <summary>ok, or failing: the channel refused a message for good (a 404, a revoked token) and waits for an edit or a test.</summary>
    public string State { get; set; } = ChannelStates.Ok;
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public TimeSpan GroupWait => TimeSpan.FromSeconds(GroupWaitSeconds);
    public TimeSpan GroupInterval => TimeSpan.FromSeconds(GroupIntervalSeconds);
    public TimeSpan? RepeatInterval => RepeatIntervalSeconds is { } s ? TimeSpan.FromSeconds(s) : null;

    public ChannelTarget Target => new(Kind, Url, To, Secret, Token, ChatId);
}

public static class ChannelStates
{
    public const string Ok = "ok";
    public const string Failing = "failing";
}
