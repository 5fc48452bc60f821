using Scripto.Core.Persistence;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>
/// SQLite's page caches are emptied and filled again many times a second; once the writer runs, glibc keeps the pages
/// they free for the refill instead of handing them back to the kernel and faulting them in again (bench/README.md,
/// "Eleventh pass": the CPU it saves is the benchmark's to show; this checks that the setting is in force).
/// </summary>
public sealed class NativeHeapTests : IAsyncLifetime
{
    private readonly CoreServices _core = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Once_the_writer_has_written_on_linux_the_c_heap_keeps_freed_cache_pages()
    {
        var written = await _core.Get<ScriptWriter>().ReportAsync("job", "db-1", new ScriptReport(Signal.Success, null, null, null, null));

        Assert.Equal(WriteOutcome.Created, written.Outcome);
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.KeepFreedPages()); // glibc found and the threshold accepted
    }
}
