using System.Text.Json;
using Microsoft.Playwright;

namespace Scripto.Bench.Dashboard;

/// <summary>
/// Diagnostic: Chromium's own timeline of one page (what DevTools' Performance panel records: the main thread's tasks,
/// parsing, style, layout, paint, V8), through the DevTools protocol, written as a Chrome trace (open it in Perfetto
/// or chrome://tracing, or summarise it with bench/dashboard-trace.py).
/// </summary>
public sealed class Trace
{
    private static readonly string[] Categories =
        ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "blink.user_timing", "loading", "v8",
         "v8.execute", "netlog", "toplevel", "disabled-by-default-v8.compile"];

    private readonly ICDPSession _session;
    private readonly List<JsonElement> _events = [];
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Trace(ICDPSession session)
    {
        _session = session;
        session.Event("Tracing.dataCollected").OnEvent += (_, data) =>
        {
            if (data is { } d && d.TryGetProperty("value", out var value))
                lock (_events) _events.AddRange(value.EnumerateArray().Select(e => e.Clone()));
        };
        session.Event("Tracing.tracingComplete").OnEvent += (_, _) => _complete.TrySetResult();
    }

    // SCALE_TRACE_CPU=1 adds V8's sampling profiler (ProfileChunk events: which JavaScript functions ran; read them with
    // bench/dashboard-trace-profile.py). It costs the traced render some CPU of its own, so it is off unless asked for.
    // SCALE_TRACE_INVALIDATIONS=1 adds Chromium's invalidation tracking (what DevTools shows as "initiators" of a style
    // recalculation or layout: StyleRecalcInvalidationTracking, ScheduleStyleInvalidationTracking,
    // LayoutInvalidationTracking, each naming the node and the reason; bench/dashboard-trace-invalidations.py reads them).
    private static string[] CategoriesFor(bool cpuProfile, bool invalidations) =>
        [.. Categories,
         .. cpuProfile ? ["disabled-by-default-v8.cpu_profiler"] : Array.Empty<string>(),
         .. invalidations ? ["disabled-by-default-devtools.timeline.invalidationTracking"] : Array.Empty<string>()];

    public static async Task<Trace> StartAsync(IBrowserContext context, IPage page)
    {
        var trace = new Trace(await context.NewCDPSessionAsync(page));
        var cpuProfile = Environment.GetEnvironmentVariable("SCALE_TRACE_CPU") == "1";
        var invalidations = Environment.GetEnvironmentVariable("SCALE_TRACE_INVALIDATIONS") == "1";
        await trace._session.SendAsync("Tracing.start", new()
        {
            ["transferMode"] = "ReportEvents",
            ["traceConfig"] = new Dictionary<string, object> { ["includedCategories"] = CategoriesFor(cpuProfile, invalidations) },
        });
        return trace;
    }

    public async Task StopAsync(string path)
    {
        await _session.SendAsync("Tracing.end");
        await _complete.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using var file = File.Create(path);
        await using var writer = new Utf8JsonWriter(file);
        writer.WriteStartObject();
        writer.WritePropertyName("traceEvents");
        writer.WriteStartArray();
        lock (_events) foreach (var e in _events) e.WriteTo(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
        Console.WriteLine($"   trace of this render: {path} ({_events.Count} events)");
    }
}
