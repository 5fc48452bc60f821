using Scripto.Core.Maintenance;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;

namespace Scripto.Core.Config;

/// <summary>What applying a file writes, worked out before anything is written; <see cref="Diff"/> says it for people.</summary>
internal sealed class ConfigPlan
{
    public ConfigDiff Diff { get; set; } = null!;
    public List<ScriptChanges> NewScripts { get; } = [];
    public List<(long Id, ScriptChanges Changes)> ChangedScripts { get; } = [];
    public List<long> DeletedScripts { get; } = [];
    public List<Channel> NewChannels { get; } = [];
    public List<Channel> ChangedChannels { get; } = [];
    public List<Channel> DeletedChannels { get; } = [];
    public List<MaintenanceWindow> NewWindows { get; } = [];
    public List<MaintenanceWindow> ChangedWindows { get; } = [];
    public List<MaintenanceWindow> EndedWindows { get; } = [];
    public List<StatusPage> NewPages { get; } = [];
    public List<StatusPage> ChangedPages { get; } = [];
    public List<StatusPage> DeletedPages { get; } = [];

    public bool TouchesChannels => NewChannels.Count + ChangedChannels.Count > 0;
}
