using Scripto.Core.Changes;
using Scripto.Core.Maintenance;

namespace Scripto.Core.Writing;

/// <summary>
/// Brings every script's MaintenanceUntil in line with the windows at this batch's time: run when a window is
/// created or ended, and by the time worker when one starts or ends. Only the rows that change are written (and
/// published, so open pages show Maintenance, or what it masked, at that second). A scan of the scripts' scope
/// columns, rare enough (at a window's edges) to need no index.
/// </summary>
internal sealed class ApplyMaintenance : WriteCommand
{
    public override WriteResult Apply(WriteContext context)
    {
        var now = context.Now;
        var covering = context.Windows.Where(w => w.At(now) is not null).ToList();
        var changed = 0;
        foreach (var script in context.Store.ScopeRows(all: covering.Count > 0))
        {
            var until = MaintenanceCalendar.Until(covering, script, now);
            if (until == script.MaintenanceUntil) continue;
            context.Store.SetMaintenance(script.Id, until, now);
            context.Changes.Add(new ScriptChange(script.Id, ScriptChangeKind.Updated));
            changed++;
        }
        return new WriteResult(WriteOutcome.Updated, Count: changed);
    }
}
