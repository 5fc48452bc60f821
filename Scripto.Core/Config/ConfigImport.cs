using Microsoft.EntityFrameworkCore;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Persistence;
using Scripto.Core.Writing;

namespace Scripto.Core.Config;

/// <summary>What a file did or would do (<see cref="Diff"/>), or why it was refused: its mistakes, or the script limit.</summary>
public sealed record ConfigOutcome(ConfigDiff? Diff, IReadOnlyList<ConfigError> Errors, bool LimitReached = false);

/// <summary>
/// Configuration as code, the other way: a file (the export's form) checked whole, then shown as a diff (dry run)
/// or applied in one transaction of the writer. Things absent from the file are left alone unless prune is asked.
/// </summary>
public sealed class ConfigImport(IDbContextFactory<ScriptoDbContext> contexts, ScriptWriter writer, DeliveryOutbox outbox, TimeProvider clock)
{
    public async Task<ConfigOutcome> DryRunAsync(ConfigNode root, bool prune, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var (plan, errors) = ConfigPlanner.Plan(root, ConfigState.Read(db, now), now, prune, dryRun: true);
        return new(plan?.Diff, errors);
    }

    public async Task<ConfigOutcome> ApplyAsync(ConfigNode root, bool prune)
    {
        var command = new ApplyConfig(root, prune);
        try
        {
            await writer.SubmitAsync(command);
        }
        catch (ScriptLimitException)
        {
            return new(null, [], LimitReached: true);
        }
        if (command.Plan is { TouchesChannels: true }) outbox.Wake(); // deliveries held for a failing channel may go now
        return new(command.Plan?.Diff, command.Errors);
    }
}
