using Microsoft.EntityFrameworkCore;
using Scripto.Core.Changes;
using Scripto.Core.Config;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;

namespace Scripto.Core.Writing;

/// <summary>
/// Applies a configuration file inside the writer's batch transaction: the plan is made from what the transaction
/// sees (so nothing can slip in between the check and the write), then channels, maintenance windows and status
/// pages are written through EF Core on the writer's own connection, the scripts through the store as every other
/// script change is, and the scripts' maintenance state is brought in line. A refused file writes nothing; a
/// failure part-way (such as Limits:MaxScripts) throws, and the whole transaction rolls back.
/// </summary>
internal sealed class ApplyConfig(ConfigNode root, bool prune) : WriteCommand
{
    public ConfigPlan? Plan { get; private set; }
    public IReadOnlyList<ConfigError> Errors { get; private set; } = [];

    public override WriteResult Apply(WriteContext context)
    {
        var session = context.Session ?? throw new InvalidOperationException("A configuration is applied by the writer, inside its transaction.");
        var db = session.Db;
        context.Store.Settle(); // EF Core reads and writes below, on the same transaction
        db.Database.UseTransaction(session.Transaction);
        try
        {
            var now = context.Now;
            (Plan, Errors) = ConfigPlanner.Plan(root, ConfigState.Read(db, now), now, prune, dryRun: false);
            if (Plan is not { } plan) return WriteResult.Invalid([]);
            WriteOthers(db, plan, now);
            WriteScripts(context, plan);
            // The windows changed, or the scripts did: what each script's maintenance is, from the windows as they now stand.
            var windows = new WriteContext(context.Store, now, new TouchedScripts());
            new ApplyMaintenance().Apply(windows);
            context.Changes.AddRange(windows.Changes);
            return new WriteResult(WriteOutcome.Updated);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.Database.UseTransaction(null);
        }
    }

    private static void WriteOthers(ScriptoDbContext db, ConfigPlan plan, DateTime now)
    {
        foreach (var channel in plan.NewChannels)
        {
            channel.CreatedAt = channel.UpdatedAt = now;
            db.Channels.Add(channel);
        }
        foreach (var channel in plan.ChangedChannels)
        {
            var stored = db.Channels.AsTracking().First(c => c.Id == channel.Id);
            channel.CreatedAt = stored.CreatedAt;
            channel.UpdatedAt = now;
            db.Entry(stored).CurrentValues.SetValues(channel);
            (stored.To, stored.Servers, stored.Names, stored.Tags) = (channel.To, channel.Servers, channel.Names, channel.Tags);
        }
        db.Channels.RemoveRange(plan.DeletedChannels);

        foreach (var window in plan.NewWindows)
        {
            (window.CreatedBy, window.CreatedAt) = ("configuration file", now);
            db.MaintenanceWindows.Add(window);
        }
        foreach (var window in plan.ChangedWindows)
        {
            var stored = db.MaintenanceWindows.AsTracking().First(w => w.Id == window.Id);
            (stored.Servers, stored.Names, stored.Tags, stored.Reason) = (window.Servers, window.Names, window.Tags, window.Reason);
            (stored.StartsAt, stored.EndsAt) = (window.StartsAt, window.EndsAt);
            (stored.Cron, stored.TimeZone, stored.DurationSeconds) = (window.Cron, window.TimeZone, window.DurationSeconds);
        }
        // Ended, as the API's DELETE ends one: it stays in the history.
        foreach (var window in plan.EndedWindows)
            db.MaintenanceWindows.AsTracking().First(w => w.Id == window.Id).EndedAt = now;

        foreach (var page in plan.NewPages)
        {
            page.UpdatedAt = now;
            db.StatusPages.Add(page);
        }
        foreach (var page in plan.ChangedPages)
        {
            var stored = db.StatusPages.AsTracking().First(p => p.Id == page.Id);
            (stored.Title, stored.TargetLines, stored.UpdatedAt) = (page.Title, page.TargetLines, now);
        }
        db.StatusPages.RemoveRange(plan.DeletedPages);
        db.SaveChanges();
    }

    private static void WriteScripts(WriteContext context, ConfigPlan plan)
    {
        var now = context.Now;
        foreach (var id in plan.DeletedScripts)
        {
            if (!context.Store.Delete(id)) continue;
            context.Deleted();
            context.Changes.Add(new ScriptChange(id, ScriptChangeKind.Deleted));
        }
        foreach (var (id, changes) in plan.ChangedScripts)
        {
            var script = context.Store.Load(id)!;
            var loaded = script.Snapshot();
            context.CatchUp(script);
            var before = script.FlipStateAt(now);
            script.Apply(changes, now);
            context.Save(script, loaded, before, run: null, () =>
                loaded.Paused != script.Paused ? (script.Paused ? "paused" : "resumed") + " by a configuration file" : "changed by a configuration file");
        }
        foreach (var changes in plan.NewScripts)
        {
            if (context.Full) throw new ScriptLimitException();
            var script = new Script { CreatedAt = now };
            script.Apply(changes, now);
            context.Save(script, loaded: null, FlipState.New, run: null, () => "created by a configuration file");
        }
    }
}

/// <summary>The file would create more scripts than Limits:MaxScripts allows: the whole apply rolls back.</summary>
internal sealed class ScriptLimitException() : Exception("There would be more scripts than Limits:MaxScripts allows.");
