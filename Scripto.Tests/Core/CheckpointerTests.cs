using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;

namespace Scripto.Tests.Core;

public sealed class CheckpointerTests
{
    [Fact]
    public async Task Under_reports_that_never_stop_the_log_file_stays_bounded()
    {
        await using var core = new CoreServices();
        var writer = core.Get<ScriptWriter>();
        var checkpointer = new Checkpointer(core.Get<IDbContextFactory<ScriptoDbContext>>(), writer, core.Clock,
            core.Get<ILoggerFactory>().CreateLogger<Checkpointer>()) { LogLimitPages = 256 };
        var wal = new FileInfo(core.DatabasePath + "-wal");

        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                await writer.ReportAsync($"job-{worker}-{i % 200}", "db-1", new ScriptReport(i % 2 == 0 ? Signal.Success : Signal.Failure, null, new string('x', 2000), null, null));
        })));

        var truncations = 0;
        long largest = 0;
        for (var round = 0; round < 60; round++)
        {
            await Task.Delay(25);
            if (await checkpointer.CheckpointOnceAsync()) truncations++;
            wal.Refresh();
            if (round >= 30) largest = Math.Max(largest, wal.Length);
        }
        await stop.CancelAsync();
        await load;

        Assert.True(truncations > 0, "the log never passed its limit: the load is too light to show anything");
        // 256 pages of 4 KiB is 1 MiB; what 25 ms of reports add on top is well under the same again.
        Assert.True(largest < 4 * 1024 * 1024, $"the log reached {largest:N0} bytes");
    }
}
