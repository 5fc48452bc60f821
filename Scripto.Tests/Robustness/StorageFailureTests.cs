using System.Net;
using Microsoft.Extensions.Logging;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Robustness;

/// <summary>
/// The storage fails under a running Scripto: the database file is deleted, or the disk fills. Nothing is
/// acknowledged that is not in the file a restart opens; clients get 503 with Retry-After; /healthz says so.
/// </summary>
public sealed class StorageFailureTests
{
    [Fact]
    public async Task A_deleted_database_file_is_noticed_and_nothing_more_is_acknowledged()
    {
        await using var app = new ScriptoFactory();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v2/ping/backup?server=db-1", null)).StatusCode);

        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(app.DatabasePath + suffix);

        for (var i = 0; i < 7; i++)
        {
            var ping = await client.PostAsync($"/api/v2/ping/job-{i}?server=db-1", null);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ping.StatusCode);
            Assert.NotNull(ping.Headers.RetryAfter);
            Assert.Equal("Database file gone", (string?)(await ping.JsonAsync())["title"]);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_full_disk_answers_503_warns_once_reports_unhealthy_and_recovers_when_space_returns()
    {
        await using var disk = await SmallDisk.MountAsync();
        await using var app = new ScriptoFactory(Path.Combine(disk.Path, "scripto.db"));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v2/ping/backup?server=db-1", null)).StatusCode);
        var filler = disk.Fill();

        var output = new string('x', 60_000);
        var acknowledged = 1;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 60 && refused is null; i++)
        {
            var ping = await client.SendRawAsync("POST", $"/api/v2/ping/job-{i % 3}/1?server=db-1", output, "text/plain");
            if (ping.IsSuccessStatusCode) acknowledged++;
            else refused = ping;
        }
        for (var i = 0; i < 5; i++) await client.SendRawAsync("POST", "/api/v2/ping/backup?server=db-1", output, "text/plain");

        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("Storage full", (string?)(await refused.JsonAsync())["title"]);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Single(app.Logs.Entries, e => e.Message.StartsWith("Writes fail: Storage full"));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Error && e.Category.StartsWith("Scripto", StringComparison.Ordinal));

        File.Delete(filler);
        var afterwards = await client.SendRawAsync("POST", "/api/v2/ping/backup?server=db-1", output, "text/plain");
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal((long)acknowledged + 1, DatabaseContents.Scalar(app.ConnectionString, "SELECT count(*) FROM runs"));
    }

    /// <summary>A 3 MiB tmpfs of its own (the tests run as root, as test.sh's installs do), unmounted on dispose.</summary>
    private sealed class SmallDisk : IAsyncDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("scripto-small-disk-").FullName;

        public static async Task<SmallDisk> MountAsync()
        {
            var disk = new SmallDisk();
            await RunAsync("mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "scripto-test", disk.Path);
            return disk;
        }

        /// <summary>Takes every free byte; returns the file to delete to give them back.</summary>
        public string Fill()
        {
            var filler = System.IO.Path.Combine(Path, "filler");
            using var file = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            var block = new byte[4096];
            try
            {
                while (true) file.Write(block);
            }
            catch (IOException) { } // the disk is full
            return filler;
        }

        public async ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await RunAsync("umount", "-l", Path);
            Directory.Delete(Path);
        }

        private static async Task RunAsync(string file, params string[] arguments)
        {
            using var process = new ChildProcess(file, arguments);
            if (await process.ExitAsync() != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: {process.Stderr}");
        }
    }
}
