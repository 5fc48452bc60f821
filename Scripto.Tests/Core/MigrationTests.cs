using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core.Persistence;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>A database written by an earlier release keeps its scripts, schedules and lateness after the upgrade, and its failed scripts still go down when silent.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task V1_scripts_stored_before_schedules_existed_keep_their_periodicity_and_their_lateness()
    {
        var path = TempDatabase.NewPath();
        var options = new DbContextOptionsBuilder<ScriptoDbContext>().UseSqlite($"Data Source={path}").Options;
        await using (var old = new ScriptoDbContext(options))
        {
            old.GetService<IMigrator>().Migrate("20261124080231_Initial");
            // 2017-08-02 14:16:25 is the test clock's now.
            old.Database.ExecuteSqlRaw("""
                INSERT INTO scripts (name, server, status, last_exec, periodicity) VALUES
                    ('ok.sh', 'a', 1, '2017-08-02 14:00:00', 'Hourly'),
                    ('late.sh', 'a', 1, '2017-08-02 13:12:00', 'Hourly'),
                    ('down.sh', 'a', 1, '2017-08-02 10:00:00', 'Hourly'),
                    ('failed.sh', 'b', 0, '2017-08-02 14:00:00', 'Daily'),
                    ('never.sh', 'b', NULL, NULL, 'Weekly'),
                    ('free.sh', 'c', 1, '2010-01-01 00:00:00', NULL);
                """);
        }

        await using var app = new ScriptoFactory(path);
        var client = app.CreateClient();
        var page = await app.Services.GetRequiredService<DashboardQueries>().PageAsync(new DashboardQuery(Take: 10));

        var status = page.Rows.ToDictionary(r => r.Name, r => r.Status);
        Assert.Equal(ScriptStatus.Ok, status["ok.sh"]);
        Assert.Equal(ScriptStatus.Late, status["late.sh"]);
        Assert.Equal(ScriptStatus.Down, status["down.sh"]);
        Assert.Equal(ScriptStatus.Failed, status["failed.sh"]);
        Assert.Equal(ScriptStatus.NeverReported, status["never.sh"]);
        Assert.Equal(ScriptStatus.Ok, status["free.sh"]);
        var late = await (await client.GetAsync("/api/v1/script/2")).JsonAsync();
        Assert.Equal("""{"id":2,"last_exec":"2017-08-02T13:12:00","name":"late.sh","periodicity":"hourly","server":"a","status":true}""", late.ToJsonString());
        Assert.Equal("weekly", (string?)(await (await client.GetAsync("/api/v1/script/5")).JsonAsync())["periodicity"]);
    }

    [Fact]
    public async Task An_upgrade_that_fails_partway_changes_nothing_and_the_next_start_upgrades_the_file()
    {
        var path = TempDatabase.NewPath();
        var connection = $"Data Source={path};Pooling=False";
        var options = new DbContextOptionsBuilder<ScriptoDbContext>().UseSqlite(connection).Options;
        await using (var old = new ScriptoDbContext(options))
        {
            old.GetService<IMigrator>().Migrate("20261124080231_Initial");
            // A view in the way of the next migration's rebuild of scripts (the rename checks every view): the
            // migration first adds columns, and EF Core committed those before the rebuild failed, or was killed.
            old.Database.ExecuteSqlRaw("""
                INSERT INTO scripts (name, server, status, last_exec, periodicity) VALUES ('backup.sh', 'db-1', 1, '2017-08-02 14:00:00', 'Daily');
                CREATE VIEW in_the_way AS SELECT name FROM scripts;
                """);
        }
        string Schema() => string.Join('\n', DatabaseContents.Column(connection, "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"));
        var schema = Schema();
        var rows = DatabaseContents.Dump(connection);

        var failing = new ScriptoFactory(path) { KeepDatabase = true };
        Assert.ThrowsAny<Exception>(() => failing.CreateClient());
        try { await failing.DisposeAsync(); } catch (Exception) { /* a host that never started */ }

        Assert.Equal(schema, Schema());
        Assert.Equal(rows, DatabaseContents.Dump(connection));

        DatabaseContents.Scalar(connection, "DROP VIEW in_the_way");
        await using var app = new ScriptoFactory(path);
        var script = await (await app.CreateClient().GetAsync("/api/v1/script/1")).JsonAsync();
        Assert.Equal("backup.sh", (string?)script["name"]);
        Assert.Equal("daily", (string?)script["periodicity"]);
    }

    [Fact]
    public async Task Failed_scripts_stored_by_earlier_releases_that_then_fall_silent_flip_to_down_and_are_announced()
    {
        var path = TempDatabase.NewPath();
        var options = new DbContextOptionsBuilder<ScriptoDbContext>().UseSqlite($"Data Source={path}").Options;
        await using (var old = new ScriptoDbContext(options))
        {
            var migrator = old.GetService<IMigrator>();
            migrator.Migrate("20261124080231_Initial");
            old.Database.ExecuteSqlRaw("INSERT INTO scripts (name, server, status, last_exec, periodicity) VALUES ('v1-failed.sh', 'a', 0, '2017-08-02 14:00:00', 'Hourly');");
            migrator.Migrate("20261126124814_Alerts");
            // As the releases before Failed and Down were apart wrote them (now is 14:16:25): a failed run stored
            // health 'Down' with its flip (before alerts were recorded: not alerting); a script that went silent
            // after success was flipped down by the worker.
            old.Database.ExecuteSqlRaw("""
                INSERT INTO scripts (name, server, status, last_exec, created_at, schedule_kind, period_seconds, health, due_at, soon_at, down_at,
                                     paused, alerting, streak, failure_threshold, recovery_threshold) VALUES
                    ('failed.sh', 'b', 0, '2017-08-02 14:00:00', '2017-08-01 00:00:00', 'Period', 3600, 'Down', '2017-08-02 15:00:00', '2017-08-02 14:50:00', '2017-08-02 15:06:00', 0, 0, -1, 1, 1),
                    ('silent.sh', 'b', 1, '2017-08-02 12:00:00', '2017-08-01 00:00:00', 'Period', 3600, 'Down', '2017-08-02 13:00:00', '2017-08-02 12:50:00', '2017-08-02 13:06:00', 0, 1, 0, 1, 1);
                INSERT INTO flips (script_id, at, from_state, to_state, reason) VALUES
                    ((SELECT id FROM scripts WHERE name = 'failed.sh'), '2017-08-02 14:00:00', 'Up', 'Down', 'reported failure (exit code 1)'),
                    ((SELECT id FROM scripts WHERE name = 'silent.sh'), '2017-08-02 13:06:00', 'Up', 'Down', 'no report by 2017-08-02 13:00:00 UTC nor within its grace of 6m');
                """);
        }

        await using var app = new ScriptoFactory(path);
        app.CreateClient(); // starts the host: the migrations, then the time worker
        object? Sql(string sql) => DatabaseContents.Scalar(app.ConnectionString, sql);
        async Task<Dictionary<string, ScriptStatus>> StatusesAsync() =>
            (await app.Services.GetRequiredService<DashboardQueries>().PageAsync(new DashboardQuery(Take: 10))).Rows.ToDictionary(r => r.Name, r => r.Status);

        var before = await StatusesAsync();
        Assert.Equal(ScriptStatus.Failed, before["v1-failed.sh"]);
        Assert.Equal(ScriptStatus.Failed, before["failed.sh"]);
        Assert.Equal(ScriptStatus.Down, before["silent.sh"]);

        Assert.Equal("Failed", Sql("SELECT health FROM scripts WHERE name = 'failed.sh'")); // in the time worker's index again
        app.Clock.Advance(TimeSpan.FromHours(1)); // 15:16:25: both failed scripts are past their grace (15:06), silent
        foreach (var name in new[] { "v1-failed.sh", "failed.sh" })
        {
            await Eventually.TrueAsync(() => (string?)Sql($"SELECT health FROM scripts WHERE name = '{name}'") == "Down", $"{name} is flipped down");
            Assert.Equal("Failed|Down|2017-08-02 15:06:00|no report by 2017-08-02 15:00:00 UTC nor within its grace of 6m",
                Sql($"SELECT from_state || '|' || to_state || '|' || at || '|' || reason FROM flips WHERE script_id = (SELECT id FROM scripts WHERE name = '{name}') AND from_state = 'Failed'"));
            Assert.Equal(1L, Sql($"SELECT count(*) FROM alert_events WHERE down = 1 AND script_id = (SELECT id FROM scripts WHERE name = '{name}')"));
        }
        var after = await StatusesAsync();
        Assert.Equal(ScriptStatus.Down, after["v1-failed.sh"]);
        Assert.Equal(ScriptStatus.Down, after["failed.sh"]);
        Assert.Equal(1L, Sql("SELECT count(*) FROM flips WHERE script_id = (SELECT id FROM scripts WHERE name = 'silent.sh')")); // already down: not again
    }
}
