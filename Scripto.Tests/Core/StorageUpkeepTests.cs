using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>The write-ahead log's checkpoints, step by step: nothing here depends on how fast the machine writes.</summary>
public sealed class StorageUpkeepTests : IAsyncLifetime
{
    private const int LimitPages = 256; // 1 MiB of 4 KiB pages

    private readonly CoreServices _core = new();
    private ScriptWriter Writer => _core.Get<ScriptWriter>();
    private StorageUpkeep Upkeep => _core.Get<IEnumerable<IHostedService>>().OfType<StorageUpkeep>().Single();
    private FileInfo Wal => new(_core.DatabasePath + "-wal");

    /// <summary>The log's size; none yet until a connection has written (SQLite creates and removes the file).</summary>
    private long WalLength => Wal is { Exists: true } wal ? wal.Length : 0;

    public Task InitializeAsync()
    {
        Upkeep.LogLimitPages = LimitPages;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private Task<WriteResult> ReportAsync(int i) =>
        Writer.ReportAsync($"job-{i % 200}", "db-1", new ScriptReport(Signal.Success, null, new string('x', 2000), null, null));

    [Fact]
    public async Task A_log_past_its_limit_starts_over_in_the_same_file_and_the_reports_around_it_are_all_written()
    {
        var written = 0;
        while (WalLength <= (LimitPages + 32) * 4096L) await ReportAsync(written++);

        var during = Enumerable.Range(written, 20).Select(ReportAsync).ToList(); // queued around the checkpoint
        Assert.True(await Upkeep.CheckpointOnceAsync());
        await Task.WhenAll(during);
        var size = WalLength;
        // Half as many reports again as filled it: written from the start of the log, the file does not grow.
        for (var i = 0; i < written / 2; i++) await ReportAsync(written + 20 + i);

        Assert.Equal(size, WalLength);
        Assert.Equal((long)written + 20 + written / 2, DatabaseContents.Scalar(_core.ConnectionString, "SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task Reports_committed_while_the_upkeep_copies_are_copied_by_it_and_not_by_the_writer()
    {
        // The writer holds every report back while it copies: what came during the PASSIVE is the upkeep's to copy,
        // round after round, so that the writer finds (next to) nothing left (bench/README.md, "Seventh pass").
        var written = 0;
        while (WalLength <= (LimitPages + 32) * 4096L) await ReportAsync(written++);
        Upkeep.BetweenRounds = async round =>
        {
            if (round == 0) for (var i = 0; i < 100; i++) await ReportAsync(written++); // committed after the first PASSIVE
        };

        Assert.True(await Upkeep.CheckpointOnceAsync());

        Assert.Equal(0, Upkeep.LeftForWriter); // without the rounds: the 100 reports' frames
        Assert.Equal((long)written, DatabaseContents.Scalar(_core.ConnectionString, "SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task Reports_that_keep_coming_during_every_catch_up_round_leave_the_log_bounded_and_all_written()
    {
        // However many reports each round finds, the catch-up ends (the writer, or the log's own restart, takes the rest).
        var written = 0;
        while (WalLength <= (LimitPages + 32) * 4096L) await ReportAsync(written++);
        var rounds = 0;
        Upkeep.BetweenRounds = async _ =>
        {
            rounds++;
            for (var i = 0; i < 100; i++) await ReportAsync(written++);
        };

        await Upkeep.CheckpointOnceAsync();
        Upkeep.BetweenRounds = null;
        var size = WalLength;
        for (var i = 0; i < 100; i++) await ReportAsync(written++);

        Assert.InRange(rounds, 1, StorageUpkeep.MaxCatchUpRounds);
        Assert.Equal(size, WalLength); // written from the start of the log again
        Assert.Equal((long)written, DatabaseContents.Scalar(_core.ConnectionString, "SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task A_log_past_its_limit_starts_over_while_readers_keep_reading_it()
    {
        // A reader still on the log when the next report commits kept the log from starting over, so it grew to four
        // times its limit and was emptied with every report waiting (under v2's flips the planner reads ten times a
        // second). The writer's checkpoint waits for the readers on the log to leave; newer ones read the file.
        var written = 0;
        while (WalLength <= (LimitPages + 32) * 4096L) await ReportAsync(written++);
        var size = WalLength;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var connection = new SqliteConnection(_core.ConnectionString);
            await connection.OpenAsync();
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                await using var transaction = connection.BeginTransaction(deferred: true);
                await using var read = connection.CreateCommand();
                read.CommandText = "SELECT count(*) FROM runs";
                read.Transaction = transaction;
                await read.ExecuteScalarAsync();
                reads++;
            }
            return reads;
        })).ToList();

        for (var round = 0; round < 3; round++)
        {
            await Upkeep.CheckpointOnceAsync();
            for (var i = 0; i < 20; i++) await ReportAsync(written++);
        }
        await stop.CancelAsync();
        var reads = (await Task.WhenAll(readers)).Sum();

        Assert.True(reads > 100, $"only {reads} reads ran alongside");
        Assert.Equal(size, WalLength); // started over in its file: it did not grow
        Assert.Equal((long)written, DatabaseContents.Scalar(_core.ConnectionString, "SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task A_log_four_times_past_its_limit_is_emptied_by_the_writer()
    {
        var written = 0;
        while (WalLength <= (4 * LimitPages + 32) * 4096L) await ReportAsync(written++);

        Assert.True(await Upkeep.CheckpointOnceAsync());

        Assert.True(WalLength < LimitPages * 4096L, $"the log holds {WalLength:N0} bytes: it was not emptied");
        Assert.Equal((long)written, DatabaseContents.Scalar(_core.ConnectionString, "SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task A_log_within_its_limit_is_only_copied_back_and_keeps_its_file()
    {
        for (var i = 0; i < 10; i++) await ReportAsync(i);
        var before = WalLength;

        Assert.False(await Upkeep.CheckpointOnceAsync());

        Assert.Equal(before, WalLength);
        Assert.True(before > 0);
    }

    [Fact]
    public async Task The_upkeep_syncs_the_log_and_the_database_file_through_the_files_SQLite_holds_open()
    {
        // What keeps the writer's checkpoint short (bench/README.md, "Fifth pass"): if this fails, the writer's fsync
        // writes back everything the PASSIVEs copied, with every report waiting.
        for (var i = 0; i < 10; i++) await ReportAsync(i);
        await using var connection = new SqliteConnection(_core.ConnectionString);
        await connection.OpenAsync();
        await using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        Assert.True(DatabaseFileSync.Sync(connection));
        // And the connection goes on as before: no lock of SQLite's was lost.
        Assert.Equal(10L, DatabaseContents.Scalar(_core.ConnectionString, "SELECT count(*) FROM runs"));
        await ReportAsync(10);
        Assert.Equal(11L, DatabaseContents.Scalar(_core.ConnectionString, "SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task Truncations_asked_at_once_are_all_answered()
    {
        // A host stopping twice at once (the app's own Run and a test's dispose) asks twice: neither may wait forever.
        var first = Writer.TruncateLogAsync();
        var second = Writer.TruncateLogAsync();

        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
