using Microsoft.EntityFrameworkCore;
using Scripto.Core.Scripts;

namespace Scripto.Core.Persistence;

/// <summary>
/// The scripts' tables, on SQLite (this type, with its migrations in Migrations/) or on PostgreSQL
/// (<see cref="Postgres.PostgresScriptoDbContext"/>, with its own migrations): EF Core's one context type per provider.
/// </summary>
public class ScriptoDbContext : DbContext
{
    public ScriptoDbContext(DbContextOptions<ScriptoDbContext> options) : base(options) { }

    /// <summary>For the provider's own context type.</summary>
    protected ScriptoDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Script> Scripts => Set<Script>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<Flip> Flips => Set<Flip>();
    public DbSet<Keys.ApiKey> ApiKeys => Set<Keys.ApiKey>();
    public DbSet<Notifications.Alerts.AlertEvent> AlertEvents => Set<Notifications.Alerts.AlertEvent>();
    public DbSet<Notifications.Grouping.AlertGroup> AlertGroups => Set<Notifications.Grouping.AlertGroup>();
    public DbSet<Notifications.Alerts.FlapState> FlapStates => Set<Notifications.Alerts.FlapState>();
    public DbSet<Notifications.Channels.Channel> Channels => Set<Notifications.Channels.Channel>();
    public DbSet<Notifications.Delivery.Delivery> Deliveries => Set<Notifications.Delivery.Delivery>();
    public DbSet<Notifications.Delivery.DeliveryAttempt> DeliveryAttempts => Set<Notifications.Delivery.DeliveryAttempt>();
    public DbSet<Maintenance.MaintenanceWindow> MaintenanceWindows => Set<Maintenance.MaintenanceWindow>();
    public DbSet<Sharing.Badge> Badges => Set<Sharing.Badge>();
    public DbSet<Sharing.StatusPage> StatusPages => Set<Sharing.StatusPage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ScriptoDbContext).Assembly);
}
