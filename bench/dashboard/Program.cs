// The dashboard benchmark: live latency under load, first render and re-sort at 100,000 scripts, server memory per
// open dashboard; and the soak (phase soak, run by bench/soak.sh). Expects the published app already running
// (bench/dashboard.sh starts it). See bench/README.md.
using System.Runtime.InteropServices;
using Microsoft.Playwright;
using Scripto.Bench.Dashboard;

Options options;
try
{
    options = Options.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    Console.Error.WriteLine("usage: Scripto.Bench.Dashboard --base-url URL --server-pid PID --db PATH [--chromium-pids FILE] [--phases memory,live,scale,soak] [--live-without-animations true] [--memory-path /] [--ceiling TEXT] " +
                            "[--scripts 200] [--scale-scripts 100000] [--live-samples 200] [--load-rate 500] [--memory-pages 20] [--memory-warmup-pages 40] [--memory-hold-s 0] " +
                            "[--render-repeats 5] [--deadline-s 840] [--soak-duration 600] [--soak-warmup 30] [--soak-rate 1000] [--soak-dashboards 10]");
    return 2;
}

using var stop = new CancellationTokenSource(options.Deadline);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
var token = stop.Token;

var serverPid = Procfs.ServerPid(options.ServerPid);
Console.WriteLine($"== server pid {serverPid}: {Procfs.CommandLine(serverPid)}");

var summary = new List<string>();
var missedTargets = new List<string>();
var failures = new List<string>(); // the soak's checks: any of them fails the run
void Target(string what, bool met) { if (!met) missedTargets.Add(what); }

using var api = new Api(options.BaseUri);
var watchedId = 0L;
var loadIds = new List<long>();
if (options.Runs("memory") || options.Runs("live"))
{
    Console.WriteLine($"== creating {options.Scripts} scripts over the API (one watched: aaa-watched.sh)");
    watchedId = await api.CreateAsync(new
    {
        name = "aaa-watched.sh", server = "bench-1", status = 1, periodicity = "daily", last_exec = "CURRENT_TIMESTAMP",
    }, token);
    for (var i = 1; i < options.Scripts; i++)
    {
        loadIds.Add(await api.CreateAsync(new
        {
            name = $"job-{i:D3}.sh", server = $"web-{i % 10}", status = 1, periodicity = i % 2 == 0 ? "hourly" : "daily",
            last_exec = "CURRENT_TIMESTAMP",
        }, token));
    }
}

using var playwright = await Playwright.CreateAsync();
// In the soak, the browsers stand for wall screens on other machines: they get what CPU the server leaves.
var browser = await Chromium.LaunchAsync(playwright, niceness: options.Runs("soak") ? SoakBench.Niceness : 0);
Chromium.RecordPids(options.ChromiumPidsFile);
Console.WriteLine($"== Chromium {browser.Version}{(options.Runs("soak") ? ", at nice 10" : "")}");

try
{
    if (options.Runs("memory"))
    {
        Console.WriteLine($"== memory: server RSS with no dashboard, then with {options.MemoryPages} ({options.Scripts} scripts)");
        var memory = await MemoryBench.RunAsync(browser, options, serverPid, token);
        summary.Add($"memory rss before MB: {Stats.Mb(memory.BeforeMb)}");
        summary.Add($"memory rss after {memory.Pages} dashboards MB: {Stats.Mb(memory.AfterMb)}");
        summary.Add($"memory per dashboard MB: {Stats.Mb(memory.PerDashboardMb)}");
        summary.Add($"managed heap per dashboard MB (after a full GC): {Stats.Mb(memory.HeapPerDashboardMb ?? double.NaN)}");
        summary.Add($"anonymous memory (RssAnon) per dashboard MB: {Stats.Mb(memory.AnonPerDashboardMb)}");
        Target("memory per dashboard <= 1 MB", memory.PerDashboardMb <= 1);
    }

    if (options.Runs("live"))
    {
        Console.WriteLine($"== live latency: {options.LiveSamples} reports to the watched script, page open on /?sort=name");
        await Task.Delay(TimeSpan.FromSeconds(3), token); // let the circuits of the memory run go
        var live = await LiveLatencyBench.RunAsync(browser, options, serverPid, watchedId, loadIds, token);
        Console.WriteLine($"   page clock - bench clock: {live.ClockSkewMs:0.0} ms (should be ~0)");
        Console.WriteLine($"   page refreshes during the run: {live.Refreshes.Count}, interval median {Stats.Ms(live.Refreshes.MedianGapMs)} ms, " +
                          $"p95 {Stats.Ms(live.Refreshes.P95GapMs)} ms, max {Stats.Ms(live.Refreshes.MaxGapMs)} ms (the page coalesces to one per 100 ms + refresh time)");
        Console.WriteLine($"   CPU during the run (100% = one core of {Environment.ProcessorCount}): server {live.ServerCpuPercent:0}%, " +
                          $"Chromium + driver {live.BrowserCpuPercent:0}%, this bench {live.BenchCpuPercent:0}%, whole machine {live.MachineCpuPercent:0}% " +
                          $"(so other processes {Math.Max(0, live.MachineCpuPercent - live.ServerCpuPercent - live.BrowserCpuPercent - live.BenchCpuPercent):0}%)");
        var p95 = Stats.Percentile(live.LatenciesMs, 0.95);
        summary.Add($"live latency samples: {live.LatenciesMs.Count} (not shown within 5 s: {live.Missed})");
        summary.Add($"live latency min ms: {Stats.Ms(live.LatenciesMs.DefaultIfEmpty(double.NaN).Min())}");
        summary.Add($"live latency p50 ms: {Stats.Ms(Stats.Percentile(live.LatenciesMs, 0.50))}");
        summary.Add($"live latency p95 ms: {Stats.Ms(p95)}");
        summary.Add($"live latency max ms: {Stats.Ms(live.LatenciesMs.DefaultIfEmpty(double.NaN).Max())}");
        summary.Add($"live report ack p50 ms: {Stats.Ms(Stats.Percentile(live.AckMs, 0.50))}");
        summary.Add($"live page refresh interval median ms: {Stats.Ms(live.Refreshes.MedianGapMs)}");
        summary.Add($"background load reports/s: {live.LoadRate:0} (2xx: {live.LoadOk}, errors: {live.LoadErrors}, skipped when 64 in flight: {live.LoadSkipped})");
        Target("live latency p95 <= 250 ms", p95 <= 250 && live.Missed == 0);
    }

    if (options.Runs("soak"))
    {
        Console.WriteLine($"== soak: {options.Scripts} scripts, {options.Soak.Dashboards} dashboards, {options.Soak.Rate} reports/s");
        var soak = await SoakBench.RunAsync(browser, options, serverPid, token);
        summary.AddRange(soak.Summary);
        failures.AddRange(soak.Failures);
    }

    if (options.Runs("scale"))
    {
        Console.WriteLine($"== scale: {options.ScaleScripts} scripts");
        var scale = await ScaleBench.RunAsync(browser, options, token);
        var firstRender = scale.Renders.Select(r => r.BothMs).ToList();
        var resort = scale.Sorts.Select(s => s.Ms).ToList();
        summary.Add($"scale scripts: {scale.Scripts}");
        summary.Add($"first render median ms: {Stats.Ms(Stats.Median(firstRender))}");
        summary.Add($"first render max ms: {Stats.Ms(firstRender.DefaultIfEmpty(double.NaN).Max())}");
        // The prerendered rows as a person first sees them, before the page is live (not the target's figure).
        summary.Add($"first rows painted median ms: {Stats.Ms(Stats.Median(scale.Renders.Select(r => r.RowPaintedMs).ToList()))} " +
                    $"(max {Stats.Ms(scale.Renders.Select(r => r.RowPaintedMs).DefaultIfEmpty(double.NaN).Max())}; first contentful paint median " +
                    $"{Stats.Ms(Stats.Median(scale.Renders.Select(r => r.FirstContentfulPaintMs).Where(d => !double.IsNaN(d)).ToList()))})");
        summary.Add("first render parts median ms: " + string.Join(", ", ScaleBench.RenderParts.Names.Select((name, i) =>
            $"{name} {Stats.Ms(Stats.Median(scale.Renders.Select(r => r.Parts.Durations[i]).Where(d => !double.IsNaN(d)).ToList()))}")));
        summary.Add($"re-sort median ms: {Stats.Ms(Stats.Median(resort))}");
        summary.Add($"re-sort max ms: {Stats.Ms(resort.DefaultIfEmpty(double.NaN).Max())} ({string.Join(", ", scale.Sorts.Select(s => $"{s.Column} {Stats.Ms(s.Ms)}"))}{(scale.SortsMissed > 0 ? $"; {scale.SortsMissed} never changed" : "")})");
        Target("first render <= 500 ms", firstRender.Count > 0 && firstRender.Max() <= 500);
        Target("re-sort <= 200 ms", resort.Count > 0 && resort.Max() <= 200 && scale.SortsMissed == 0);
    }
}
catch (Exception e) when (token.IsCancellationRequested && e is OperationCanceledException or PlaywrightException)
{
    Console.Error.WriteLine("bench: stopped (deadline reached or signalled) before the end");
    return 1;
}
catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException or HttpRequestException)
{
    Console.Error.WriteLine($"bench: failed: {e}");
    return 1;
}
finally
{
    try { await browser.CloseAsync(); }
    catch (PlaywrightException) { } // already gone (the driver was stopped with us)
}

Console.WriteLine();
Console.WriteLine("== summary");
Console.WriteLine(options.Ceiling);
foreach (var line in summary) Console.WriteLine(line);
if (options.Runs("memory") || options.Runs("live") || options.Runs("scale"))
    Console.WriteLine(missedTargets.Count == 0 ? "targets: all met" : $"targets missed: {string.Join("; ", missedTargets)}");
if (options.Runs("soak"))
    Console.WriteLine(failures.Count == 0 ? "soak: passed" : $"soak: FAILED: {string.Join("; ", failures)}");
return failures.Count == 0 ? 0 : 1;
