using Microsoft.EntityFrameworkCore;
using Scripto.Core.Keys;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;

namespace Scripto.Core.Maintenance;

public enum MaintenanceOutcome { Created, Ended, NotFound, Invalid, Forbidden }

/// <summary>The answer to a window change: the window, or what was wrong (nothing written).</summary>
public sealed record MaintenanceResult(MaintenanceOutcome Outcome, MaintenanceWindow? Window = null, IReadOnlyList<FieldError>? Errors = null);

/// <summary>Who asks: a person or an admin key (any window), or a report key (its own server, see MaintenanceRules.ReporterRefusal).</summary>
public sealed record MaintenanceRequester(string Name, bool Admin, KeyLimits? Limits = null);

/// <summary>
/// Windows as the API and the Maintenance page manage them. A window is stored, then the writer brings every
/// script's MaintenanceUntil in line with the windows (the one write path for scripts), before the answer.
/// </summary>
public sealed class MaintenanceService(IDbContextFactory<ScriptoDbContext> contexts, ScriptWriter writer, TimeProvider clock)
{
    /// <summary>How long ended windows stay listed.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromDays(30);

    /// <summary>Windows that cover now or will, and those over within the last 30 days; newest first.</summary>
    public async Task<IReadOnlyList<MaintenanceWindow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var since = Now - Recent;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MaintenanceWindows
            .Where(w => (w.EndedAt == null || w.EndedAt > since) && (w.Cron != null || w.EndsAt > since))
            .OrderByDescending(w => w.Id).ToListAsync(cancellationToken);
    }

    public async Task<MaintenanceWindow?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MaintenanceWindows.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
    }

    public async Task<MaintenanceResult> CreateAsync(MaintenanceInput input, MaintenanceRequester requester, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var (window, errors) = MaintenanceRules.Validate(input, now);
        if (window is null) return new(MaintenanceOutcome.Invalid, Errors: errors);
        if (!requester.Admin && MaintenanceRules.ReporterRefusal(window, requester.Limits) is { } refusal)
            return new(MaintenanceOutcome.Forbidden, Errors: [refusal]);
        window.CreatedBy = requester.Name;
        window.CreatedAt = now;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.MaintenanceWindows.Add(window);
            await db.SaveChangesAsync(cancellationToken);
        }
        await writer.ApplyMaintenanceAsync();
        return new(MaintenanceOutcome.Created, window);
    }

    /// <summary>Ends a window now (a recurring one for good). A report key may end only a window it could have opened.</summary>
    public async Task<MaintenanceResult> EndAsync(long id, MaintenanceRequester requester, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.MaintenanceWindows.AsTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken) is not { } window)
                return new(MaintenanceOutcome.NotFound);
            if (!requester.Admin && ReporterEndRefusal(window, requester.Limits) is { } refusal)
                return new(MaintenanceOutcome.Forbidden, Errors: [refusal]);
            if (window.Over(now)) return new(MaintenanceOutcome.Ended, window);
            window.EndedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        await writer.ApplyMaintenanceAsync();
        return new(MaintenanceOutcome.Ended, await GetAsync(id, cancellationToken));
    }

    private static FieldError? ReporterEndRefusal(MaintenanceWindow window, KeyLimits? limits) =>
        window.Servers.Count != 1 || window.Names.Count > 0 || window.Tags.Count > 0
            ? new("id", "a report key may end only a window for one server, its own")
            : limits is { Names.Count: > 0 } ? new("id", "this key is limited to names: it may not end a window for a whole server")
            : limits?.Refusal("", window.Servers[0]);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
