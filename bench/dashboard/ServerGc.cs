using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Scripto.Bench.Dashboard;

/// <summary>
/// Induces a full, blocking GC in the server, from outside, as dotnet-gcdump does: an EventPipe session with the
/// runtime's GCHeapCollect keyword. Without it a memory sample holds whatever garbage the server's GC has not
/// collected yet (with Server GC, tens of MB), and a per-page figure measures the GC's budget, not the page.
/// </summary>
public static class ServerGc
{
    private const long GcHeapCollectKeyword = 0x800000;

    public static async Task CollectAsync(int pid, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(pid);
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcHeapCollectKeyword);
        using var session = client.StartEventPipeSession([provider], requestRundown: false);
        var drain = session.EventStream.CopyToAsync(Stream.Null, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // the GC runs as the session starts
        await session.StopAsync(cancellationToken);
        await drain;
    }
}
