using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core.Persistence;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>A database written by the first release (v1 only) keeps its scripts, schedules and lateness after the upgrade.</summary>
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
}
