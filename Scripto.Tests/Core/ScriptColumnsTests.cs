using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Scripto.Core;
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
