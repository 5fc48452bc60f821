using Scripto.Core.Maintenance;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;

namespace Scripto.Core.Config;

/// <summary>What an install holds that a file describes: read for a dry run, and again inside the apply's transaction.</summary>
internal sealed record ConfigState(List<Script> Scripts, List<Channel> Channels, List<MaintenanceWindow> Windows, List<StatusPage> Pages)
{
    public static ConfigState Read(ScriptoDbContext db, DateTime now) => new(
        db.Scripts.OrderBy(s => s.Id).ToList(),
        db.Channels.OrderBy(c => c.Id).ToList(),
        db.MaintenanceWindows.Where(w => w.EndedAt == null).OrderBy(w => w.Id).AsEnumerable().Where(w => ConfigExport.Exported(w, now)).ToList(),
        db.StatusPages.OrderBy(p => p.Id).ToList());
}
