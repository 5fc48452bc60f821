using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Scripto.Bench.Dashboard;

/// <summary>
/// The soak of issue 6: a paced load of reports over v1 and v2 for warm-up + duration, with dashboards open and live
/// all along. Samples the server's RSS every second and prints a row every 10 s; at the end checks that every
/// acknowledged report was committed (and is the newest one stored for its script), that no report failed, that the
/// dashboards stayed open, and that the server's memory stayed flat.
/// </summary>
public static class SoakBench
{
    /// <summary>The app's default Runs:Keep (the bench starts it with its defaults).</summary>
    public const int KeepRuns = 100;

    /// <summary>Chromium's nice level in the soak (Program starts it so).</summary>
    public const int Niceness = 10;

    public sealed record Result(List<string> Summary, List<string> Failures);

    /// <summary>The server's memory at a time: VmRSS, and its anonymous part (heaps, stacks; the rest is mapped files).</summary>
    private sealed record RssSample(double At, double Mb, double AnonMb);

    private sealed record Row(double At, double ReportsPerSecond, int DashboardsOpen, int PagesAnswered, double WalMb);

    /// <summary>What the run observed, for the summary.</summary>
    private sealed record Observed(
        List<SoakScript> Scripts, SoakLoad Load, List<Row> Rows, List<RssSample> Rss, ServerMetrics Start, ServerMetrics End,
        long RunsInserted, Dictionary<long, SoakDatabase.Stored> Stored, long DbBefore, long DbAfter, int PagesLive,
        List<double> PageUpdatesPerSecond, bool StoppedEarly);

    public static async Task<Result> RunAsync(IBrowser browser, Options options, int serverPid, CancellationToken cancellationToken)
    {
        var soak = options.Soak;
        var failures = new List<string>();
        var database = new SoakDatabase(options.DatabasePath);
        using var control = Client(options.BaseUri, 16);
        using var loadClient = Client(options.BaseUri, 64);

        var setup = Stopwatch.StartNew();
        var scripts = await SoakLoad.CreateScriptsAsync(control, options.Scripts, cancellationToken);
        Console.WriteLine($"   {scripts.Count} scripts created in {setup.Elapsed.TotalSeconds:0.0} s " +
                          $"({scripts.Count(s => !s.V2)} over v1 POST, {scripts.Count(s => s.V2)} by a first v2 ping)");

        await using var pages = await SoakPages.OpenAsync(browser, options.BaseUri, soak.Dashboards);
        Console.WriteLine($"   {pages.Count} dashboards open on / and live ([data-live]), each in its own browser context");
        var groups = Chromium.DeprioritizeGroup(Niceness);
        Console.WriteLine($"   Chromium runs at nice {Niceness}, its scheduling group too ({(groups.Count == 0 ? "no autogroup of its own" : string.Join(", ", groups))}): " +
                          "the browsers stand for wall screens on other machines, and get the CPU the server leaves");

        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var start = await ServerMetrics.ScrapeAsync(control, cancellationToken);
        for (var i = 0; i < 20 && start.DashboardsOpen != soak.Dashboards; i++)
        {
            await Task.Delay(500, cancellationToken);
            start = await ServerMetrics.ScrapeAsync(control, cancellationToken);
        }
        if (start.DashboardsOpen != soak.Dashboards)
            failures.Add($"scripto_dashboards_open was {start.DashboardsOpen} before the load, not {soak.Dashboards}");
        var runsBefore = database.RunsInserted();
        var dbBefore = database.SizeBytes();
        Console.WriteLine($"   before the load: RSS {Procfs.RssMb(serverPid):0.0} MB, scripto_dashboards_open {start.DashboardsOpen}, " +
                          $"database + WAL {dbBefore / 1e6:0.0} MB, {runsBefore} runs inserted so far");

        var load = new SoakLoad(loadClient, scripts, soak.Rate);
        var total = soak.Warmup + soak.Duration;
        Console.WriteLine($"== soak: {soak.Rate} reports/s for {soak.Warmup.TotalSeconds:0} s of warm-up + {soak.Duration.TotalSeconds:0} s measured " +
                          $"({soak.Rate * total.TotalSeconds:0} reports, half v1 PUT by id, half v2 POST by name)");
        await pages.StartAsync();
        var clock = Stopwatch.StartNew();
        var loadTask = load.RunAsync(total, cancellationToken);
        var rssTask = SampleRssAsync(serverPid, clock, loadTask);
        var rows = await PrintRowsAsync(load, loadTask, clock, pages, control, serverPid, database, soak);
        await loadTask;

        // The report metrics are counted as each answer leaves: let the last ones land.
        await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        var end = await ServerMetrics.ScrapeAsync(control, CancellationToken.None);
        var runsAfter = database.RunsInserted();
        var (live, pageRates) = await pages.FinalAsync();
        var observed = new Observed(scripts, load, rows, await rssTask, start, end, runsAfter - runsBefore, database.Scripts(),
            dbBefore, database.SizeBytes(), live, pageRates, cancellationToken.IsCancellationRequested);
        return new Result(Summarize(soak, observed, failures), failures);
    }

    private static HttpClient Client(Uri baseUri, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>The server's RSS every second, until the load has ended.</summary>
    private static async Task<List<RssSample>> SampleRssAsync(int serverPid, Stopwatch clock, Task loadTask)
    {
        var samples = new List<RssSample>();
        while (!loadTask.IsCompleted)
        {
            var status = Procfs.Status(serverPid);
            samples.Add(new RssSample(clock.Elapsed.TotalSeconds, status["VmRSS"] / 1024.0, status["RssAnon"] / 1024.0));
            await Task.WhenAny(Task.Delay(TimeSpan.FromMilliseconds(1000 - clock.ElapsedMilliseconds % 1000)), loadTask);
        }
        return samples;
    }

    /// <summary>
    /// A row of the table every 10 s of the load's clock, and a last one when the load has ended. The counters are
    /// read first, at the row's time; then /metrics and the pages, which may take a while on a busy machine.
    /// </summary>
    private static async Task<List<Row>> PrintRowsAsync(
        SoakLoad load, Task loadTask, Stopwatch clock, SoakPages pages, HttpClient control, int serverPid, SoakDatabase database, Soak soak)
    {
        var rows = new List<Row>();
        Console.WriteLine("   t s  phase    RSS MB  anon MB  file MB  threads  db MB  wal MB  acked/s  p50 ms  p99 ms  max ms  errors   lag  open  " +
                          "server %  browser %  bench %  other %  pages answered  page updates/s min  /metrics ms");
        var last = (At: 0.0, Ok: 0L, Cpu: Cpu(serverPid));
        var next = 10.0;
        while (true)
        {
            await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(Math.Max(0, next - clock.Elapsed.TotalSeconds))), loadTask);
            var done = loadTask.IsCompleted;
            var at = clock.Elapsed.TotalSeconds;
            var (ok, lag, errors, latencies, cpu, memory) = (load.Ok, load.Lag, load.Errors, load.TakeLatencies(), Cpu(serverPid), Procfs.Status(serverPid));
            var (db, wal) = (database.SizeBytes(""), database.SizeBytes("-wal"));

            ServerMetrics? metrics = null;
            try { metrics = await ServerMetrics.ScrapeAsync(control, CancellationToken.None); }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                Console.WriteLine($"   /metrics failed: {e.Message}");
            }
            var (answered, minUpdates) = await pages.ReadAsync(TimeSpan.FromSeconds(5));

            var seconds = at - last.At;
            if (done && seconds < 1) return rows; // the load ended right on a row: nothing more to show
            double Percent(double now, double before) => (now - before) / seconds * 100;
            var (server, browser, bench, machine) = (Percent(cpu.Server, last.Cpu.Server), Percent(cpu.Browser, last.Cpu.Browser),
                Percent(cpu.Bench, last.Cpu.Bench), Percent(cpu.Machine, last.Cpu.Machine));
            var row = new Row(at, (ok - last.Ok) / seconds, metrics?.DashboardsOpen ?? -1, answered, wal / 1e6);
            rows.Add(row);
            var phase = done ? "end" : at <= soak.Warmup.TotalSeconds + 0.5 ? "warm-up" : "soak";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{at,6:0}  {phase,-7} {memory["VmRSS"] / 1024.0,7:0.0}  {memory["RssAnon"] / 1024.0,7:0.0}  " +
                $"{(memory["RssFile"] + memory["RssShmem"]) / 1024.0,7:0.0}  {memory["Threads"],7}  " +
                $"{db / 1e6,5:0.0}  {wal / 1e6,6:0.0}  {row.ReportsPerSecond,7:0}  {Stats.Ms(Stats.Percentile(latencies, 0.50)),6}  " +
                $"{Stats.Ms(Stats.Percentile(latencies, 0.99)),6}  {Stats.Ms(latencies.DefaultIfEmpty(double.NaN).Max()),6}  {errors,6}  " +
                $"{lag,4}  {row.DashboardsOpen,4}  {server,8:0}  {browser,9:0}  {bench,7:0}  {Math.Max(0, machine - server - browser - bench),7:0}  " +
                $"{answered,14}  {minUpdates,18:0.0}  {metrics?.ScrapeMs ?? double.NaN,11:0}"));
            last = (at, ok, cpu);
            if (done) return rows;
            // The next multiple of 10 s; one is skipped if this row took longer than that.
            next = Math.Max(next + 10, (Math.Floor(clock.Elapsed.TotalSeconds / 10) + 1) * 10);
        }
    }

    /// <summary>CPU seconds so far: the server, the browser (this bench's children), this bench, the whole machine.</summary>
    private static (double Server, double Browser, double Bench, double Machine) Cpu(int serverPid) =>
        (Procfs.CpuSeconds(serverPid), Procfs.ChildrenCpuSeconds(), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
            Procfs.MachineBusySeconds());

    private static string F(double value, string format = "0.0") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    private static List<string> Summarize(Soak soak, Observed o, List<string> failures)
    {
        var summary = new List<string>();
        var load = o.Load;
        var expected = (long)(soak.Rate * (soak.Warmup + soak.Duration).TotalSeconds);
        if (o.StoppedEarly) failures.Add("stopped (deadline or signal) before the end of the load");

        // Throughput and errors.
        var measured = o.Rows.Where(r => r.At > soak.Warmup.TotalSeconds + 0.5 && r.At <= (soak.Warmup + soak.Duration).TotalSeconds + 0.5)
            .Select(r => r.ReportsPerSecond).ToList();
        summary.Add($"soak: {soak.Duration.TotalSeconds:0} s measured after {soak.Warmup.TotalSeconds:0} s of warm-up, {o.Scripts.Count} scripts " +
                    $"(half v1 PUT by id, half v2 POST by name), {soak.Dashboards} dashboards open, Chromium at nice {Niceness}");
        summary.Add($"reports/s target: {soak.Rate}, sent: {F(load.Sent / load.SendSeconds)} (over {load.SendSeconds:0.0} s), " +
                    $"acknowledged: {F(load.Ok / load.AnswerSeconds)} (over {load.AnswerSeconds:0.0} s, to the last answer)");
        summary.Add($"acknowledged per 10 s window after warm-up min|median|max: {F(measured.DefaultIfEmpty(double.NaN).Min(), "0")}|" +
                    $"{F(Stats.Median(measured), "0")}|{F(measured.DefaultIfEmpty(double.NaN).Max(), "0")}");
        summary.Add($"reports sent: {load.Sent} of {expected}, acknowledged (2xx): {load.Ok} " +
                    $"(v1 {o.Scripts.Where(s => !s.V2).Sum(s => s.Acked)}, v2 {o.Scripts.Where(s => s.V2).Sum(s => s.Acked)}), " +
                    $"max lag behind the pace: {load.MaxLag} reports, sent after waiting for the previous report to the same script: {load.WaitedForPrevious}");
        summary.Add($"errors: {load.Errors}{(load.Errors > 0 ? $" ({string.Join(", ", load.ErrorsByKind.Select(e => $"{e.Key}: {e.Value}"))})" : "")}");
        if (load.Sent != expected && !o.StoppedEarly) failures.Add($"{load.Sent} reports sent, not {expected}");
        if (load.Errors > 0) failures.Add($"{load.Errors} reports not acknowledged");

        // Nothing lost: every acknowledged report committed, and each script's newest stored report is its last acknowledged one.
        var accepted = o.End.Accepted - o.Start.Accepted;
        var refused = o.End.Refused - o.Start.Refused + o.End.Failed - o.Start.Failed;
        var notCommitted = Math.Max(0, load.Ok - o.RunsInserted);
        var mismatched = new List<string>();
        foreach (var script in o.Scripts)
        {
            if (!o.Stored.TryGetValue(script.Id, out var row))
            {
                mismatched.Add($"{script.Name} (id {script.Id}) is gone");
                continue;
            }
            if (script.LastAckedSeq < 0) continue; // nothing acknowledged during the soak: the setup report stands
            var signal = script.LastAckedSuccess ? "Success" : "Failure";
            var output = script.V2 ? $"soak {script.LastAckedSeq.ToString(CultureInfo.InvariantCulture)}" : null;
            if (row.Status != script.LastAckedSuccess || row.LastSignal != signal || (script.V2 && row.LastOutput != output))
                mismatched.Add($"{script.Name}: last acknowledged {signal}{(output is null ? "" : $" '{output}'")}, stored status {row.Status}, newest run {row.LastSignal} '{row.LastOutput}'");
            else if (row.Runs < Math.Min(script.Acked, KeepRuns))
                mismatched.Add($"{script.Name}: {row.Runs} runs kept, fewer than the {Math.Min(script.Acked, KeepRuns)} acknowledged");
        }
        summary.Add($"runs committed during the load (sqlite_sequence of runs): {o.RunsInserted}; reports accepted by the server's count " +
                    $"(scripto_reports_total): {accepted}, refused or failed: {refused}");
        summary.Add($"lost: {notCommitted + mismatched.Count} (acknowledged but not committed: {notCommitted}; " +
                    $"scripts whose newest stored report is not their last acknowledged one: {mismatched.Count})");
        summary.AddRange(mismatched.Take(10).Select(line => $"   {line}"));
        if (notCommitted > 0 || mismatched.Count > 0) failures.Add("acknowledged reports lost");
        if (o.RunsInserted > load.Ok) failures.Add($"{o.RunsInserted - load.Ok} more runs committed than acknowledged (reports answered with an error after their commit)");
        if (accepted != load.Ok) failures.Add($"the server counted {accepted} accepted reports, the client {load.Ok}");
        if (refused > 0) failures.Add($"the server refused or failed {refused} reports");

        // The history stays bounded: Runs:Keep per script, plus what arrives between two prunings (every minute).
        var kept = o.Scripts.Select(s => o.Stored.TryGetValue(s.Id, out var r) ? (double)r.Runs : 0).ToList();
        var perMinute = soak.Rate * 60.0 / o.Scripts.Count;
        var bound = KeepRuns + (int)Math.Ceiling(2 * perMinute);
        var over = kept.Count(k => k > bound);
        summary.Add($"runs kept per script min|median|max: {kept.Min():0}|{Stats.Median(kept):0}|{kept.Max():0} (Runs:Keep {KeepRuns}; " +
                    $"{perMinute:0} reports per script per minute, so at most ~{bound} between two prunings; more than that: {over} scripts)" +
                    (over > 0 ? " WARNING: the history is not pruned as fast as it grows" : ""));
        var walAfterWarmup = o.Rows.FirstOrDefault(r => r.At >= soak.Warmup.TotalSeconds - 0.5)?.WalMb ?? double.NaN;
        var walEnd = o.Rows.LastOrDefault()?.WalMb ?? double.NaN;
        var walGrowth = (walEnd - walAfterWarmup) / (o.Rows.LastOrDefault()?.At - soak.Warmup.TotalSeconds ?? double.NaN) * 60;
        summary.Add($"database file + WAL MB before|after: {o.DbBefore / 1e6:0.0}|{o.DbAfter / 1e6:0.0}; WAL MB after warm-up|end: {F(walAfterWarmup)}|{F(walEnd)} " +
                    $"({F(walGrowth)} MB/min)" + (walEnd > 2 * walAfterWarmup && walEnd > 100 ? " WARNING: the WAL file grows all along the load" : ""));

        // The dashboards stayed open and live.
        var open = o.Rows.Select(r => r.DashboardsOpen).ToList();
        summary.Add($"dashboards open (scripto_dashboards_open) min|max over the rows: {open.DefaultIfEmpty(-1).Min()}|{open.DefaultIfEmpty(-1).Max()}; " +
                    $"pages still live at the end: {o.PagesLive}/{soak.Dashboards}; rows where a page took over 5 s to answer: {o.Rows.Count(r => r.PagesAnswered < soak.Dashboards)} of {o.Rows.Count}");
        summary.Add($"page DOM updates per second over the run, per page min|median|max: {F(o.PageUpdatesPerSecond.DefaultIfEmpty(double.NaN).Min())}|" +
                    $"{F(Stats.Median(o.PageUpdatesPerSecond))}|{F(o.PageUpdatesPerSecond.DefaultIfEmpty(double.NaN).Max())} (the page coalesces changes to at most ~10/s)");
        if (open.Any(n => n != soak.Dashboards)) failures.Add($"scripto_dashboards_open left {soak.Dashboards}");
        if (o.PagesLive != soak.Dashboards) failures.Add($"{soak.Dashboards - o.PagesLive} dashboards not live at the end");
        if (o.PageUpdatesPerSecond.Count != soak.Dashboards || o.PageUpdatesPerSecond.Any(r => !(r > 0))) failures.Add("a dashboard stopped following the changes");

        // Memory: the first window after the warm-up against the last one.
        var window = Math.Min(60, soak.Duration.TotalSeconds / 3);
        var from = soak.Warmup.TotalSeconds;
        var lastAt = o.Rss.Count == 0 ? 0 : o.Rss[^1].At;
        var firstWindow = o.Rss.Where(s => s.At >= from && s.At < from + window).ToList();
        var lastWindow = o.Rss.Where(s => s.At > lastAt - window).ToList();
        var first = Stats.Median(firstWindow.Select(s => s.Mb).ToList());
        var final = Stats.Median(lastWindow.Select(s => s.Mb).ToList());
        var after = o.Rss.Where(s => s.At >= from).ToList();
        var growth = final - first;
        var flat = growth <= Math.Max(20, first * 0.10);
        summary.Add($"rss median of the first {window:0} s after warm-up MB: {F(first)}");
        summary.Add($"rss median of the last {window:0} s MB: {F(final)}");
        summary.Add($"rss growth MB: {F(growth)} ({F(growth / first * 100)}%), least-squares slope after warm-up: {F(Slope(after), "0.00")} MB/min");
        summary.Add($"rss max MB: {F(o.Rss.Select(s => s.Mb).DefaultIfEmpty(double.NaN).Max())} (after warm-up: {F(after.Select(s => s.Mb).DefaultIfEmpty(double.NaN).Max())}, " +
                    $"min after warm-up: {F(after.Select(s => s.Mb).DefaultIfEmpty(double.NaN).Min())})");
        summary.Add($"of which anonymous (RssAnon: heaps, stacks) first|last median MB: {F(Stats.Median(firstWindow.Select(s => s.AnonMb).ToList()))}|" +
                    $"{F(Stats.Median(lastWindow.Select(s => s.AnonMb).ToList()))}; mapped (VmRSS - RssAnon: binaries, JIT code, SQLite's WAL index, " +
                    $"which grows with the WAL) MB: {F(Stats.Median(firstWindow.Select(s => s.Mb - s.AnonMb).ToList()))}|{F(Stats.Median(lastWindow.Select(s => s.Mb - s.AnonMb).ToList()))}");
        summary.Add($"memory: {(flat ? "flat" : "GROWING")} (flat: the last median within max(20 MB, 10%) of the first)");
        if (!flat) failures.Add($"the server's RSS grew by {F(growth)} MB");
        return summary;
    }

    /// <summary>Least-squares slope of RSS over time, MB per minute.</summary>
    private static double Slope(List<RssSample> samples)
    {
        if (samples.Count < 2) return double.NaN;
        var (meanAt, meanMb) = (samples.Average(s => s.At), samples.Average(s => s.Mb));
        var covariance = samples.Sum(s => (s.At - meanAt) * (s.Mb - meanMb));
        var variance = samples.Sum(s => (s.At - meanAt) * (s.At - meanAt));
        return variance == 0 ? double.NaN : covariance / variance * 60;
    }
}
