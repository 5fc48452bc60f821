using Microsoft.Playwright;

namespace Scripto.Bench.Dashboard;

/// <summary>
/// The server's resident memory with no dashboard open, then with N dashboards open (each in its own browser
/// context, so each is its own circuit). Several pages are opened and closed first, so that one-time costs (JIT,
/// MudBlazor's and Blazor's first render) are in the baseline, not charged to the N dashboards. Each sample follows a
/// full GC induced in the server (ServerGc), so the figure is what the pages keep, not garbage not yet collected.
/// </summary>
public static class MemoryBench
{
    public sealed record Result(double BeforeMb, double AfterMb, double? HeapBeforeMb, double? HeapAfterMb, int Pages, double AnonBeforeMb, double AnonAfterMb)
    {
        public double PerDashboardMb => (AfterMb - BeforeMb) / Pages;
        public double? HeapPerDashboardMb => (HeapAfterMb - HeapBeforeMb) / Pages;

        /// <summary>RssAnon alone: the heaps and native memory, without the mapped files (assemblies, ICU data) that the
        /// kernel pages in and out as the machine's other work needs the memory, which moved VmRSS by 20 MB between runs.</summary>
        public double AnonPerDashboardMb => (AnonAfterMb - AnonBeforeMb) / Pages;
    }

    private const int WarmupAtOnce = 5;

    public static async Task<Result> RunAsync(IBrowser browser, Options options, int serverPid, CancellationToken cancellationToken)
    {
        if (options.MemoryPath != "/") Console.WriteLine($"   (diagnostic variant: the dashboards open {options.MemoryPath})");
        // Pages opened and closed before the baseline, a few at a time: the methods a page runs reach tier-1 JIT code and
        // the pools (render batches, socket buffers) reach their size here, so the figure below is what each further page
        // adds. A method a page calls once is recompiled at tier 1 after 30 calls, i.e. 30 pages: with 5 warm-up pages
        // the 20 measured ones paid that one-time JIT code (JIT'd methods per round of 20 pages opened: 12,850, 4,079,
        // 1,008, 278; bench/README.md, fourth pass). No more than WarmupAtOnce are open at a time, as before: memory
        // that 20 open pages need is not committed before the baseline, so the measured pages still pay for it.
        var warmup = Math.Max(1, options.MemoryWarmupPages);
        var round = Math.Min(WarmupAtOnce, Math.Max(1, options.MemoryPages));
        Console.WriteLine($"   warming up: {warmup} dashboards, opened {round} at a time and closed");
        for (var opened = 0; opened < warmup; opened += round)
        {
            var warm = new List<IBrowserContext>();
            try
            {
                for (var i = opened; i < Math.Min(warmup, opened + round); i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var context = await NewContextAsync(browser);
                    warm.Add(context);
                    var page = await context.NewPageAsync();
                    await page.GotoAsync(options.BaseUri.ToString());
                    await Chromium.WaitForLiveAsync(page, 120_000);
                    await page.Locator("tbody .scripto-name").First.WaitForAsync();
                }
                await Task.Delay(1000, cancellationToken);
            }
            finally
            {
                foreach (var context in warm) await CloseAsync(context);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var (before, heapBefore, anonBefore) = await SampleAsync(serverPid, cancellationToken);
        Console.WriteLine($"   RSS with no dashboard open: {Stats.Mb(before)} MB (managed heap after a full GC: {Stats.Mb(heapBefore ?? double.NaN)} MB)");
        await HoldAsync(options, "no dashboard open", serverPid, cancellationToken);

        var contexts = new List<IBrowserContext>();
        try
        {
            for (var i = 0; i < options.MemoryPages; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var context = await NewContextAsync(browser);
                contexts.Add(context);
                var page = await context.NewPageAsync();
                await page.GotoAsync(new Uri(options.BaseUri, options.MemoryPath.TrimStart('/')).ToString());
                await Chromium.WaitForLiveAsync(page, 120_000);
                // The grid has loaded: a row, or its "No script matches." (a diagnostic path may filter everything out).
                await page.Locator("tbody .scripto-name").Or(page.GetByText("No script matches.")).First.WaitForAsync();
                if (i == 0)
                {
                    var dom = await page.EvaluateAsync<int[]>(
                        "() => [document.getElementsByTagName('*').length, document.querySelectorAll('tbody tr').length, " +
                        "document.querySelectorAll('.mud-tooltip-root').length, document.querySelectorAll('.mud-popover').length]");
                    Console.WriteLine($"   one dashboard: {dom[0]} DOM elements, {dom[1]} rows, {dom[2]} tooltips, {dom[3]} popovers");
                }
            }
            Console.WriteLine($"   {contexts.Count} dashboards open and live; settling 5 s");
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            var (after, heapAfter, anonAfter) = await SampleAsync(serverPid, cancellationToken);
            Console.WriteLine($"   RSS with {contexts.Count} dashboards open: {Stats.Mb(after)} MB (managed heap after a full GC: {Stats.Mb(heapAfter ?? double.NaN)} MB)");
            await HoldAsync(options, $"{contexts.Count} dashboards open", serverPid, cancellationToken);
            return new Result(before, after, heapBefore, heapAfter, contexts.Count, anonBefore, anonAfter);
        }
        finally
        {
            foreach (var context in contexts) await CloseAsync(context);
        }
    }

    /// <summary>
    /// Closes the page first, as a person closes a tab: blazor.web.js sends its disconnect beacon on pagehide, so the
    /// server can end the circuit at once rather than keep it as a disconnected one (3 minutes by default).
    /// </summary>
    private static async Task CloseAsync(IBrowserContext context)
    {
        foreach (var page in context.Pages.ToList()) await page.CloseAsync(new() { RunBeforeUnload = true });
        await context.CloseAsync();
    }

    /// <summary>A context whose pages wait up to 2 minutes: memory does not depend on how fast a page opens, and on a
    /// machine that other work holds at a load of 50-100, Playwright's 30 s ran out before the rows came.</summary>
    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(Chromium.Desktop);
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }

    /// <summary>Diagnostic (MEMORY_HOLD_S): time to take a heap dump of the server (dotnet-dump collect -p pid) in this state.</summary>
    private static async Task HoldAsync(Options options, string state, int serverPid, CancellationToken cancellationToken)
    {
        if (options.MemoryHold <= TimeSpan.Zero) return;
        Console.WriteLine($"   holding for {options.MemoryHold.TotalSeconds:0} s with {state} (server pid {serverPid})");
        await Task.Delay(options.MemoryHold, cancellationToken);
    }

    /// <summary>After a full GC in the server, the median of 7 samples, 0.5 s apart.</summary>
    private static async Task<(double RssMb, double? HeapMb, double AnonMb)> SampleAsync(int pid, CancellationToken cancellationToken)
    {
        var heap = await ServerGc.CollectAsync(pid, cancellationToken);
        var samples = new List<double>();
        var anon = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            if (i > 0) await Task.Delay(500, cancellationToken);
            samples.Add(Procfs.RssMb(pid));
            anon.Add(Procfs.Status(pid)["RssAnon"] / 1024.0);
        }
        return (Stats.Median(samples), heap, Stats.Median(anon));
    }
}
