using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Scripto.Bench.Dashboard;

/// <summary>
/// Induces a full, blocking GC in the server, from outside, as dotnet-gcdump does: an EventPipe session with the
/// runtime's GCHeapCollect keyword. Without it a memory sample holds whatever garbage the server's GC has not
/// collected yet (with Server GC, tens of MB), and a per-page figure measures the GC's budget, not the page.
/// Answers the managed heap's size after that GC (the runtime's GCHeapStats event): what the process keeps alive.
/// </summary>
public static class ServerGc
{
    private const long GcHeapCollectKeyword = 0x800000;
    private const long GcKeyword = 0x1;

    public static async Task<double?> CollectAsync(int pid, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(pid);
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcHeapCollectKeyword | GcKeyword);
        using var session = client.StartEventPipeSession([provider], requestRundown: false);
        double? heapMb = null;
        var read = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            source.Clr.GCHeapStats += e =>
                heapMb = (e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4) / 1048576.0;
            source.Process();
        }, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken); // the GC runs as the session starts
        await session.StopAsync(cancellationToken);
        await read;
        return heapMb;
    }
}
