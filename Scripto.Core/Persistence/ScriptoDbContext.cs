using Microsoft.EntityFrameworkCore;
using Scripto.Core.Scripts;

namespace Scripto.Core.Persistence;

public sealed class ScriptoDbContext(DbContextOptions<ScriptoDbContext> options) : DbContext(options)
{
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
