using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core;
using Scripto.Core.Persistence;
using Scripto.Core.Persistence.Postgres;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Operations;

/// <summary><c>Scripto.Web migrate-sqlite-to-postgres FILE</c>, run as a process: a SQLite install moves across whole.</summary>
public sealed class MigrateToPostgresTests
{
    private const int Scripts = 10_000;

    [Fact]
    public async Task A_sqlite_install_with_ten_thousand_scripts_moves_to_postgres_with_every_row_and_value()
    {
        var sqlite = new ScriptoFactory { KeepDatabase = true };
        await FillAsync(sqlite);
        var sqliteConnection = sqlite.ConnectionString;
        await sqlite.DisposeAsync();
        var postgres = await PostgresCluster.CreateDatabaseAsync();
        try
        {
            using var process = new ChildProcess("dotnet", [RepoPaths.WebDll, "migrate-sqlite-to-postgres", sqlite.DatabasePath,
                "--Database:Provider=Postgres", $"--ConnectionStrings:Scripto={postgres}"]);
            var exit = await process.ExitAsync(TimeSpan.FromMinutes(3));
            Assert.True(exit == 0, process.Output);

            foreach (var table in DatabaseContents.Column(postgres, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_%'"))
                Assert.True(DatabaseContents.Scalar(sqliteConnection, $"SELECT count(*) FROM \"{table}\"") is long rows
                    && rows == (long)DatabaseContents.Scalar(postgres, $"SELECT count(*) FROM \"{table}\"")!, $"{table}: the counts differ");
            Assert.Equal((long)Scripts, DatabaseContents.Scalar(postgres, "SELECT count(*) FROM scripts"));
            Assert.Equal(await ChecksumAsync(new ScriptoDbContext(new DbContextOptionsBuilder<ScriptoDbContext>().UseSqlite(sqliteConnection).Options)),
                await ChecksumAsync(new PostgresScriptoDbContext(new DbContextOptionsBuilder<PostgresScriptoDbContext>().UseNpgsql(postgres).Options)));

            // The moved install runs: the next script gets the next id, and the user still signs in.
            await using var moved = ScriptoFactory.OnPostgres(postgres);
            var created = await moved.CreateClient().PostAsync("/api/v2/ping/new.sh?server=db-1", null);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            Assert.Equal((long)Scripts + 1, DatabaseContents.Scalar(postgres, "SELECT max(id) FROM scripts")); // the sequence moved past the ids copied
            using var scope = moved.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("ops"))!, "a long enough passphrase"));
        }
        finally
        {
            TempDatabase.Delete(sqlite.DatabasePath);
            await PostgresCluster.DropDatabaseAsync(postgres);
        }
    }

    /// <summary>10,000 scripts with three runs each (straight into the file, as years of reports would leave it), plus what the app writes: flips, alerts, a channel, a user.</summary>
    private static async Task FillAsync(ScriptoFactory app)
    {
        var client = app.CreateClient();
        (await client.PostAsync("/api/v2/ping/backup.sh?server=db-1", null)).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/v2/ping/backup.sh/1?server=db-1", null)).EnsureSuccessStatusCode();
        (await client.SendRawAsync("POST", "/api/v2/channels",
            """{"name": "ops", "kind": "webhook", "url": "https://hooks.example/ops"}""")).EnsureSuccessStatusCode();
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            Assert.True((await users.CreateAsync(new IdentityUser("ops"), "a long enough passphrase")).Succeeded);
        }
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ScriptoDbContext>>().CreateDbContextAsync();
        var at = ScriptoFactory.Start.UtcDateTime;
        var scripts = Enumerable.Range(0, Scripts - 2).Select(i => new Script { Name = $"job-{i}.sh", Server = $"host-{i % 50}", CreatedAt = at, Tags = i % 3 == 0 ? "nightly" : "" }).ToList();
        var runs = scripts.Select((script, i) => script.Report(new ScriptReport(i % 7 == 0 ? Signal.Failure : Signal.Success, i % 7, $"line {i}\n"), at.AddSeconds(i))).ToList();
        db.Scripts.AddRange(scripts);
        await db.SaveChangesAsync();
        db.Runs.AddRange(scripts.SelectMany((script, i) => Enumerable.Range(0, 3).Select(k =>
            new Run { ScriptId = script.Id, At = at.AddSeconds(i + k), Signal = runs[i].Signal, ExitCode = runs[i].ExitCode, DurationMs = 1000 + k, Output = runs[i].Output })));
        await db.SaveChangesAsync();
        (await client.PostAsync("/api/v2/ping/last.sh?server=db-1", null)).EnsureSuccessStatusCode();
    }

    /// <summary>Every script's and run's values as EF reads them on each provider.</summary>
    private static async Task<string> ChecksumAsync(ScriptoDbContext db)
    {
        await using var _ = db;
        var text = new StringBuilder();
        foreach (var script in await db.Scripts.AsNoTracking().OrderBy(s => s.Id).ToListAsync())
            text.Append(script.Id).Append('|').AppendJoin('|', ScriptColumns.All.Select(c => c.Get(script))).Append('\n');
        foreach (var run in await db.Runs.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            text.Append($"{run.Id}|{run.ScriptId}|{run.At:O}|{run.Signal}|{run.ExitCode}|{run.DurationMs}|{run.Output}|{run.RemoteAddress}\n");
        foreach (var flip in await db.Flips.AsNoTracking().OrderBy(f => f.Id).ToListAsync())
            text.Append($"{flip.Id}|{flip.ScriptId}|{flip.At:O}|{flip.From}|{flip.To}|{flip.Reason}\n");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
