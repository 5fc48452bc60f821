using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Scripto.Core;
using Scripto.Core.Nodes;
using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Notifications.Planning;
using Scripto.Core.Persistence;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>
/// Scripto.Core with notifications, on a real SQLite file (or PostgreSQL database) and a fake clock; no background loop runs: the test moves
/// the clock and runs the planner's passes itself, and reads the messages it put in the outbox.
/// </summary>
public sealed class NotifyCore : IAsyncDisposable
{
    /// <param name="database">The database to open again (a restart): a SQLite file's path, or on PostgreSQL a connection string.</param>
    public NotifyCore(string? database = null, FakeTimeProvider? clock = null, int flapLimit = 6, SmtpSettings? smtp = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite, NodeLeadership? leadership = null)
    {
        if (provider == DatabaseProvider.Postgres) (_postgres, DatabasePath) = (database ?? PostgresCluster.CreateMigratedDatabase(), null!);
        else DatabasePath = database ?? TempDatabase.NewMigrated();
        Clock = clock ?? new FakeTimeProvider(ScriptoFactory.Start);
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddScriptoCore(new ScriptoOptions { Provider = provider.ToString(), ConnectionString = ConnectionString });
        services.AddScriptoNotifications(new NotificationOptions { PublicUrl = "https://scripto.example", FlapLimit = flapLimit, Smtp = smtp ?? new() });
        if (leadership is not null) services.AddSingleton(leadership); // a node whose leadership the test hands over
        Provider = services.BuildServiceProvider();
        DatabaseSetup.Migrate(Provider.GetRequiredService<IDbContextFactory<ScriptoDbContext>>());
        // The writer alone runs (as the host would start it); the planner's and dispatcher's passes are the test's.
        Writer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private readonly string? _postgres;

    public DatabaseProvider DatabaseProvider => _postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    /// <summary>What a restart opens again (see the constructor).</summary>
    public string Database => _postgres ?? DatabasePath;

    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string DatabasePath { get; }
    public string ConnectionString => _postgres ?? $"Data Source={DatabasePath}";
    public FakeTimeProvider Clock { get; }
    public ServiceProvider Provider { get; }
    public bool KeepDatabase { get; set; }
    public ScriptWriter Writer => Provider.GetRequiredService<ScriptWriter>();
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public async Task<long> ChannelAsync(string json)
    {
        var input = JsonSerializer.Deserialize<ChannelInput>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
        var result = await Provider.GetRequiredService<ChannelService>().CreateAsync(input);
        return result.Channel?.Id ?? throw new InvalidOperationException(string.Join("; ", result.Errors!));
    }

    public async Task<long> ReportAsync(string name, string server, Signal signal, Schedule? schedule = null, AlertThresholds thresholds = default, int? exitCode = null, string? output = null)
    {
        var result = await Writer.ReportAsync(name, server, new ScriptReport(signal, exitCode, output), schedule is { } s ? s : default(Optional<Schedule>), thresholds);
        return result.Script?.Id ?? throw new InvalidOperationException(string.Join("; ", result.Errors!));
    }

    public Task<int> FlipOverdueAsync() => Writer.FlipOverdueAsync(Now);

    /// <summary>One planning pass at the clock's time, repeated while it says there is more.</summary>
    public async Task PlanAsync()
    {
        var planner = Provider.GetRequiredService<NotificationPlanner>();
        while ((await planner.PlanAsync(CancellationToken.None)).More) { }
    }

    /// <summary>The dispatcher's passes at the clock's time, until nothing due is left.</summary>
    public async Task DispatchAsync()
    {
        var dispatcher = Provider.GetRequiredService<DeliveryDispatcher>();
        for (var pass = 0; pass < 100 && await dispatcher.DispatchDueAsync(CancellationToken.None) > 0; pass++) { }
    }

    public ChannelService Channels => Provider.GetRequiredService<ChannelService>();

    public async Task AdvanceAndPlanAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await PlanAsync();
    }

    /// <summary>Every message in the outbox of deliveries, oldest first.</summary>
    public async Task<List<NotificationMessage>> MessagesAsync()
    {
        await using var db = await Provider.GetRequiredService<IDbContextFactory<ScriptoDbContext>>().CreateDbContextAsync();
        return (await db.Deliveries.OrderBy(d => d.Id).ToListAsync()).Select(DeliveryOutbox.Read).ToList();
    }

    public long Count(string sql) => (long)DatabaseContents.Scalar(ConnectionString, sql)!;

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        if (KeepDatabase) return;
        if (_postgres is not null) await PostgresCluster.DropDatabaseAsync(_postgres);
        else TempDatabase.Delete(DatabasePath);
    }
}
