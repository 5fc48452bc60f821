namespace Scripto.Web.Hosting;

/// <summary>
/// Kestrel's socket transport, as the settings say (measured in bench/README.md, "Twelfth pass"):
/// Server:InlineScheduling runs a request on the thread that read its bytes until its first wait, instead of handing
/// it to the thread pool; Server:IOQueueCount sets Kestrel's I/O queues (0: the thread pool's).
/// </summary>
internal static class ServerThreads
{
    public static void ConfigureSockets(this WebApplicationBuilder builder)
    {
        var inline = builder.Configuration.GetValue<bool>("Server:InlineScheduling");
        var queues = builder.Configuration.GetValue<int?>("Server:IOQueueCount");
        builder.WebHost.UseSockets(o =>
        {
            o.UnsafePreferInlineScheduling = inline;
            if (queues is { } count) o.IOQueueCount = count;
        });
    }
}
