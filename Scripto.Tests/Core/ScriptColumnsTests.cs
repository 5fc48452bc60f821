using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Scripto.Core;
using Scripto.Core.Notifications.Alerts;
using Scripto.Core.Persistence;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>
/// The writer's prepared statements (<c>ScriptColumns</c>) are a second mapping of the scripts table, beside EF
/// Core's: these hold the two to the same columns and the same stored values, so that what one writes the other reads.
/// </summary>
public class ScriptColumnsTests : IAsyncLifetime
{
    private readonly CoreServices _core;

    public ScriptColumnsTests() : this(DatabaseProvider.Sqlite) { }

    // No hosted service runs: the time worker's first pass would clear the sample's maintenance window (none covers it).
    protected ScriptColumnsTests(DatabaseProvider provider) => _core = new CoreServices(provider: provider, run: false);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public void The_writer_reads_and_writes_every_column_EF_maps_for_a_script_and_no_other()
    {
        var columns = EfColumns();

        Assert.Equal(columns.Keys.Order(), ScriptColumns.All.Select(c => c.Name).Order());
    }

    [Fact]
    public async Task A_script_the_writer_inserts_reads_back_through_EF_with_every_value_as_written()
    {
        var columns = EfColumns();
        var written = Sample();

        long id;
        using (var connection = Open())
        using (var store = new ScriptStore(connection, _core.Database == DatabaseProvider.Postgres ? SqlDialect.Postgres : SqlDialect.Sqlite))
            id = store.Insert(written);

        await using var db = await _core.Get<IDbContextFactory<ScriptoDbContext>>().CreateDbContextAsync();
        var read = await db.Scripts.AsNoTracking().SingleAsync(s => s.Id == id);
        foreach (var (column, property) in columns)
            Assert.True(Equals(property.GetGetter().GetClrValue(written), property.GetGetter().GetClrValue(read)),
                $"{column}: written {property.GetGetter().GetClrValue(written)}, EF read {property.GetGetter().GetClrValue(read)}");
    }

    [Fact]
    public async Task A_script_EF_saves_reads_back_through_the_writer_with_every_value_as_saved()
    {
        var columns = EfColumns();
        var saved = Sample();
        await using (var db = await _core.Get<IDbContextFactory<ScriptoDbContext>>().CreateDbContextAsync())
        {
            db.Scripts.Add(saved);
            await db.SaveChangesAsync();
        }

        using var connection = Open();
        using var store = new ScriptStore(connection, _core.Database == DatabaseProvider.Postgres ? SqlDialect.Postgres : SqlDialect.Sqlite);
        var read = store.Load(saved.Id)!;
        foreach (var (column, property) in columns)
            Assert.True(Equals(property.GetGetter().GetClrValue(saved), property.GetGetter().GetClrValue(read)),
                $"{column}: EF saved {property.GetGetter().GetClrValue(saved)}, the writer read {property.GetGetter().GetClrValue(read)}");
    }

    [Fact]
    public async Task A_script_the_writer_updates_reads_back_through_EF_with_every_value_as_written()
    {
        // The UPDATE of a report (on SQLite run on the engine's own interface, bound by position, times formatted by us).
        var columns = EfColumns();
        var written = Sample();
        written.LastExec = At.AddTicks(4560);                  // .123456 (PostgreSQL keeps microseconds)
        written.DueAt = new DateTime(2026, 11, 26, 14, 20, 0, DateTimeKind.Utc); // none: no point either
        written.Name = "sauvegarde-été-" + new string('x', 180) + ".sh"; // beyond ASCII, and over the writer's stack buffer

        using (var connection = Open())
        using (var store = Store(connection))
        {
            var blank = new Script { Name = "blank.sh" };
            store.Insert(blank);
            written.Id = blank.Id;
            store.Update(blank, written);
        }

        await using var db = await _core.Get<IDbContextFactory<ScriptoDbContext>>().CreateDbContextAsync();
        var read = await db.Scripts.AsNoTracking().SingleAsync(s => s.Id == written.Id);
        foreach (var (column, property) in columns)
            Assert.True(Equals(property.GetGetter().GetClrValue(written), property.GetGetter().GetClrValue(read)),
                $"{column}: written {property.GetGetter().GetClrValue(written)}, EF read {property.GetGetter().GetClrValue(read)}");
    }

    [Fact]
    public async Task A_run_a_flip_and_an_alert_the_writer_appends_read_back_through_EF_as_written()
    {
        var output = "Sauvegarde terminée ✓ " + new string('é', 2000) + " \ud83d\ude00 😀";
        long scriptId;
        using (var connection = Open())
        using (var store = Store(connection))
        {
            var script = Sample();
            scriptId = store.Insert(script);
            store.Append(new Run { ScriptId = scriptId, At = At.AddTicks(70), Signal = Signal.Failure, ExitCode = -3, DurationMs = 12_345_678_901, Output = output, RemoteAddress = "2001:db8::1" });
            store.Append(new Run { ScriptId = scriptId, At = At.AddSeconds(1), Signal = Signal.Start });
            store.Append(new Flip { ScriptId = scriptId, At = At.AddSeconds(2), From = FlipState.Up, To = FlipState.Down, Reason = "reported failure (exit code -3)" });
            store.Append(new AlertEvent { ScriptId = scriptId, At = At.AddSeconds(3), Down = true, Anomaly = true, Reason = "slow", HoldUntil = At.AddHours(1) });
        }

        await using var db = await _core.Get<IDbContextFactory<ScriptoDbContext>>().CreateDbContextAsync();
        var runs = await db.Runs.AsNoTracking().Where(r => r.ScriptId == scriptId).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(2, runs.Count);
        Assert.Equal((At.AddTicks(70), Signal.Failure, (int?)-3, (long?)12_345_678_901, output, "2001:db8::1"),
            (runs[0].At, runs[0].Signal, runs[0].ExitCode, runs[0].DurationMs, runs[0].Output, runs[0].RemoteAddress));
        Assert.Equal((At.AddSeconds(1), Signal.Start, (int?)null, (long?)null, (string?)null, (string?)null),
            (runs[1].At, runs[1].Signal, runs[1].ExitCode, runs[1].DurationMs, runs[1].Output, runs[1].RemoteAddress));
        var flip = await db.Flips.AsNoTracking().SingleAsync(f => f.ScriptId == scriptId);
        Assert.Equal((At.AddSeconds(2), FlipState.Up, FlipState.Down, "reported failure (exit code -3)"), (flip.At, flip.From, flip.To, flip.Reason));
        var alert = await db.AlertEvents.AsNoTracking().SingleAsync(a => a.ScriptId == scriptId);
        Assert.Equal((At.AddSeconds(3), true, true, "slow", (DateTime?)At.AddHours(1)), (alert.At, alert.Down, alert.Anomaly, alert.Reason, alert.HoldUntil));
    }

    [Fact]
    public void The_sample_script_sets_every_mapped_value_away_from_its_default()
    {
        // Otherwise a column both mappings dropped would compare default with default and pass.
        var columns = EfColumns();
        var sample = Sample();
        var blank = new Script();

        foreach (var (column, property) in columns)
            Assert.False(Equals(property.GetGetter().GetClrValue(sample), property.GetGetter().GetClrValue(blank)),
                $"the sample leaves {column} at its default: give it a value");
    }

    /// <summary>The model's columns of the scripts table, by name, without the key the database assigns.</summary>
    private Dictionary<string, IProperty> EfColumns()
    {
        using var db = _core.Get<IDbContextFactory<ScriptoDbContext>>().CreateDbContext();
        var entity = db.Model.FindEntityType(typeof(Script))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return entity.GetProperties()
            .Where(p => !p.IsPrimaryKey())
            .ToDictionary(p => p.GetColumnName(table)!, p => p);
    }

    private ScriptStore Store(DbConnection connection) =>
        new(connection, _core.Database == DatabaseProvider.Postgres ? SqlDialect.Postgres : SqlDialect.Sqlite);

    private DbConnection Open()
    {
        DbConnection connection = _core.Database == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnection(_core.ConnectionString)
            : new SqliteConnection(_core.ConnectionString);
        connection.Open();
        return connection;
    }

    private static readonly DateTime At = new(2026, 11, 26, 14, 16, 25, 123, DateTimeKind.Utc);

    /// <summary>A script with a value in every column, each one distinguishable.</summary>
    private static Script Sample() => new()
    {
        Name = "backup.sh",
        Server = "db-1",
        CreatedAt = At,
        ScheduleKind = ScheduleKind.Cron,
        PeriodSeconds = 3600,
        Cron = "30 2 * * *",
        TimeZone = "Europe/Paris",
        GraceSeconds = 1200,
        CountingSince = At.AddMinutes(1),
        Paused = true,
        Health = Health.Failed,
        LastStatus = false,
        LastExec = At.AddMinutes(2),
        StartedAt = At.AddMinutes(3),
        LastDurationMs = 850,
        LastExitCode = 3,
        DueAt = At.AddMinutes(4),
        SoonAt = At.AddMinutes(5),
        DownAt = At.AddMinutes(6),
        FailureThreshold = 2,
        RecoveryThreshold = 4,
        Streak = -2,
        Alerting = true,
        Tags = "db,nightly",
        MaxRuntimeSeconds = 1800,
        MinRuntimeSeconds = 10,
        Heartbeat = true,
        MaintenanceUntil = At.AddMinutes(7),
    };
}

public sealed class ScriptColumnsTestsOnPostgres() : ScriptColumnsTests(DatabaseProvider.Postgres);
