using System.Diagnostics;
using Microsoft.Playwright;

namespace Scripto.Bench.Dashboard;

/// <summary>
/// From the 2xx of a status report to the moment the open dashboard shows it, under a steady background load of
/// other reports. The page stamps the change itself (a MutationObserver records performance.timeOrigin +
/// performance.now() when the watched row's chip shows the new status); the bench stamps the acknowledgement with
/// the wall clock as the answer arrives. Same machine, same clock.
/// </summary>
public static class LiveLatencyBench
{
    public sealed record Result(
        List<double> LatenciesMs, List<double> AckMs, int Missed, double LoadRate, long LoadOk, long LoadErrors, long LoadSkipped,
        double ClockSkewMs, Refreshes Refreshes, double ServerCpuPercent, double BrowserCpuPercent, double BenchCpuPercent, double MachineCpuPercent);

    /// <summary>How often the page was re-rendered during the run (DOM updates less than 30 ms apart count as one).</summary>
    public sealed record Refreshes(int Count, double MedianGapMs, double P95GapMs, double MaxGapMs);

    private const string InstallObserver = """
        (id) => {
          const chip = () => {
            const name = document.querySelector(`.scripto-name[data-script-id="${id}"]`);
            const chip = name && name.closest('tr') && name.closest('tr').querySelector('.scripto-status');
            return chip ? chip.textContent.trim() : null;
          };
          const bench = { expect: null, seenAt: null, chip, updates: [] };
          window.__bench = bench;
          const check = () => {
            if (bench.updates.length < 50000) bench.updates.push(performance.now());
            if (bench.expect !== null && bench.seenAt === null && chip() === bench.expect)
              bench.seenAt = performance.timeOrigin + performance.now();
          };
          new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
          return chip();
        }
        """;

    /// <summary>Groups the page's DOM updates into refreshes (a gap of 30 ms or more starts a new one).</summary>
    private const string SummarizeUpdates = """
        () => {
          const t = window.__bench.updates;
          const starts = t.filter((v, i) => i === 0 || v - t[i - 1] >= 30);
          const gaps = starts.slice(1).map((v, i) => v - starts[i]).sort((a, b) => a - b);
          const at = q => gaps.length ? gaps[Math.min(gaps.length - 1, Math.max(0, Math.ceil(q * gaps.length) - 1))] : NaN;
          return [starts.length, at(0.5), at(0.95), gaps.length ? gaps[gaps.length - 1] : NaN];
        }
        """;

    public static async Task<Result> RunAsync(
        IBrowser browser, Options options, int serverPid, long watchedId, IReadOnlyList<long> loadIds, CancellationToken cancellationToken)
    {
        await using var context = await browser.NewContextAsync(Chromium.Desktop);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(new Uri(options.BaseUri, "?sort=name").ToString());
        await Chromium.WaitForLiveAsync(page);
        await page.Locator($".scripto-name[data-script-id=\"{watchedId}\"]").WaitForAsync();
        if (options.LiveWithoutAnimations)
        {
            // Diagnostic variant: the same page without CSS animations (the 2 s highlight of changed rows), to see what
            // the browser's repainting costs on a machine it shares with the server.
            await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { animation: none !important; transition: none !important; }" });
            Console.WriteLine("   (diagnostic variant: CSS animations and transitions disabled in the page)");
        }
        var initial = await page.EvaluateAsync<string?>(InstallObserver, watchedId);
        if (initial != "OK") throw new InvalidOperationException($"the watched script's chip reads '{initial}', expected OK");

        // The page's clock against ours: should be ~0 (same machine); printed as a sanity check.
        // Of 10 round trips, the shortest bounds it best.
        var (skew, roundTrip) = (double.NaN, double.MaxValue);
        for (var i = 0; i < 10; i++)
        {
            var t0 = Clock.UnixMs();
            var pageNow = await page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
            var t1 = Clock.UnixMs();
            if (t1 - t0 < roundTrip) (skew, roundTrip) = (pageNow - (t0 + t1) / 2, t1 - t0);
        }

        using var api = new Api(options.BaseUri, maxConnections: 4);
        using var load = new BackgroundLoad(options.BaseUri, loadIds, options.LoadRate);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loadTask = load.RunAsync(stopLoad.Token);
        try
        {
            Console.WriteLine($"   background load: {options.LoadRate} reports/s on {loadIds.Count} other scripts; warming up 3 s");
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            load.ResetCounters();
            await page.EvaluateAsync("() => { window.__bench.updates = []; }");
            var (serverCpu, browserCpu, benchCpu, machineCpu) = (Procfs.CpuSeconds(serverPid), Procfs.ChildrenCpuSeconds(),
                Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Procfs.MachineBusySeconds());
            var elapsed = Stopwatch.StartNew();

            var latencies = new List<double>();
            var acks = new List<double>();
            var missed = 0;
            var jitter = new Random(7);
            var success = true; // the watched script starts OK
            for (var i = 0; i < options.LiveSamples; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                success = !success;
                var expect = success ? "OK" : "Failed";
                await page.EvaluateAsync("(e) => { window.__bench.expect = e; window.__bench.seenAt = null; }", expect);

                var sent = Clock.UnixMs();
                if (!await api.PutStatusAsync(watchedId, success, cancellationToken))
                    throw new InvalidOperationException($"PUT /api/v1/script/{watchedId} was not answered 2xx");
                var acknowledged = Clock.UnixMs();
                acks.Add(acknowledged - sent);

                try
                {
                    await page.WaitForFunctionAsync("() => window.__bench.seenAt !== null", null,
                        new() { Timeout = 5_000, PollingInterval = 10 });
                    var seenAt = await page.EvaluateAsync<double>("() => window.__bench.seenAt");
                    latencies.Add(seenAt - acknowledged);
                }
                catch (TimeoutException)
                {
                    missed++;
                    Console.WriteLine($"   sample {i}: the page did not show '{expect}' within 5 s");
                    if (missed > 10) throw new InvalidOperationException("more than 10 reports never showed on the dashboard");
                    // Let the row settle on whatever it shows before the next sample.
                    var shown = await page.EvaluateAsync<string?>("() => window.__bench.chip()");
                    success = shown == "OK";
                }

                // A random pause so the reports land at every phase of the page's 100 ms coalescing window.
                await Task.Delay(20 + jitter.Next(100), cancellationToken);
                if ((i + 1) % 50 == 0) Console.WriteLine($"   {i + 1}/{options.LiveSamples} samples");
            }

            var rate = load.OkPerSecond();
            var seconds = elapsed.Elapsed.TotalSeconds;
            var cpu = (server: (Procfs.CpuSeconds(serverPid) - serverCpu) / seconds * 100,
                browser: (Procfs.ChildrenCpuSeconds() - browserCpu) / seconds * 100,
                bench: (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - benchCpu) / seconds * 100,
                machine: (Procfs.MachineBusySeconds() - machineCpu) / seconds * 100);
            var u = await page.EvaluateAsync<double[]>(SummarizeUpdates);
            return new Result(latencies, acks, missed, rate, load.Ok, load.Errors, load.Skipped, skew,
                new Refreshes((int)u[0], u[1], u[2], u[3]), cpu.server, cpu.browser, cpu.bench, cpu.machine);
        }
        finally
        {
            await stopLoad.CancelAsync();
            await loadTask;
        }
    }

    /// <summary>
    /// PUTs at a fixed rate, round-robin over the given scripts, each flipping that script's status so every report
    /// changes its row. At most 64 in flight: when the server falls behind, the reports due are skipped (and counted).
    /// </summary>
    private sealed class BackgroundLoad(Uri baseUri, IReadOnlyList<long> ids, int rate) : IDisposable
    {
        private readonly Api _api = new(baseUri, maxConnections: 64);
        private readonly SemaphoreSlim _inFlight = new(64);
        private readonly Stopwatch _since = new();
        private long _ok, _errors, _skipped;

        public long Ok => Interlocked.Read(ref _ok);
        public long Errors => Interlocked.Read(ref _errors);
        public long Skipped => Interlocked.Read(ref _skipped);

        public void ResetCounters()
        {
            Interlocked.Exchange(ref _ok, 0);
            Interlocked.Exchange(ref _errors, 0);
            Interlocked.Exchange(ref _skipped, 0);
            _since.Restart();
        }

        public double OkPerSecond() => Ok / _since.Elapsed.TotalSeconds;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var pending = new List<Task>();
            var clock = Stopwatch.StartNew();
            _since.Start();
            long sent = 0;
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var due = (long)(clock.Elapsed.TotalSeconds * rate);
                    for (; sent < due; sent++)
                    {
                        if (!_inFlight.Wait(0))
                        {
                            Interlocked.Increment(ref _skipped);
                            continue;
                        }
                        var id = ids[(int)(sent % ids.Count)];
                        var success = (sent / ids.Count) % 2 == 1; // the scripts start OK: the first round fails them
                        pending.Add(SendAsync(id, success));
                    }
                    pending.RemoveAll(t => t.IsCompleted);
                    await Task.Delay(2, cancellationToken);
                }
            }
            catch (OperationCanceledException) { }
            await Task.WhenAll(pending);
        }

        private async Task SendAsync(long id, bool success)
        {
            try
            {
                if (await _api.PutStatusAsync(id, success, CancellationToken.None)) Interlocked.Increment(ref _ok);
                else Interlocked.Increment(ref _errors);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _errors);
            }
            finally
            {
                _inFlight.Release();
            }
        }

        public void Dispose()
        {
            _api.Dispose();
            _inFlight.Dispose();
        }
    }
}
