using System.Diagnostics;
using Microsoft.Playwright;

namespace Scripto.Bench.Dashboard;

/// <summary>
/// The soak's open dashboards, each in its own browser context (its own circuit), and how often each page changes:
/// a MutationObserver counts the page's DOM updates, and a live page changes every time the server re-renders it.
/// </summary>
public sealed class SoakPages : IAsyncDisposable
{
    private const string UpdateCounter = """
        (() => {
          window.__soak = { updates: 0 };
          const start = () => new MutationObserver(() => { window.__soak.updates++; })
            .observe(document.body, { subtree: true, childList: true, characterData: true });
          if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
        })();
        """;

    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<Watched> _pages = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private sealed class Watched(IPage page)
    {
        public IPage Page { get; } = page;
        public double FirstAt, FirstCount, LastAt, LastCount;
    }

    public int Count => _pages.Count;

    public static async Task<SoakPages> OpenAsync(IBrowser browser, Uri baseUri, int count)
    {
        var pages = new SoakPages();
        for (var i = 0; i < count; i++)
        {
            var context = await browser.NewContextAsync(Chromium.Desktop);
            pages._contexts.Add(context);
            await context.AddInitScriptAsync(UpdateCounter);
            var page = await context.NewPageAsync();
            await page.GotoAsync(baseUri.ToString(), new() { Timeout = 30_000 });
            await Chromium.WaitForLiveAsync(page, 30_000);
            await page.Locator("tbody .scripto-name").First.WaitForAsync(new() { Timeout = 30_000 });
            pages._pages.Add(new Watched(page));
        }
        return pages;
    }

    /// <summary>Starts counting each page's updates from now.</summary>
    public async Task StartAsync()
    {
        foreach (var watched in _pages)
            if (await StateAsync(watched.Page) is { } state)
                (watched.FirstAt, watched.FirstCount, watched.LastAt, watched.LastCount) = (state.At, state.Updates, state.At, state.Updates);
    }

    /// <summary>
    /// Asks every page (in parallel, each given <paramref name="timeout"/>) for its updates since the last answer:
    /// how many answered, and the lowest rate of updates per second among them.
    /// </summary>
    public async Task<(int Answered, double MinPerSecond)> ReadAsync(TimeSpan timeout)
    {
        var rates = await Task.WhenAll(_pages.Select(async watched =>
        {
            var read = StateAsync(watched.Page);
            if (await Task.WhenAny(read, Task.Delay(timeout)) != read || await read is not { } state) return double.NaN;
            var rate = (state.Updates - watched.LastCount) / (state.At - watched.LastAt);
            (watched.LastAt, watched.LastCount) = (state.At, state.Updates);
            return rate;
        }));
        var answered = rates.Where(r => !double.IsNaN(r)).ToList();
        return (answered.Count, answered.DefaultIfEmpty(double.NaN).Min());
    }

    /// <summary>At the end: how many pages still carry the live marker, and each page's updates per second over the run.</summary>
    public async Task<(int Live, List<double> PerSecond)> FinalAsync()
    {
        var live = 0;
        var rates = new List<double>();
        foreach (var watched in _pages)
        {
            if (await StateAsync(watched.Page) is not { } state) continue;
            if (state.Live) live++;
            rates.Add((state.Updates - watched.FirstCount) / (state.At - watched.FirstAt));
        }
        return (live, rates);
    }

    /// <summary>Whether the page still carries the live marker and its count of updates so far; null if it is gone.</summary>
    private async Task<(bool Live, double Updates, double At)?> StateAsync(IPage page)
    {
        try
        {
            var state = await page.EvaluateAsync<double[]>(
                "() => [document.querySelector('[data-live]') !== null ? 1 : 0, window.__soak ? window.__soak.updates : -1]");
            return (state[0] == 1, state[1], _clock.Elapsed.TotalSeconds);
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            try { await context.CloseAsync(); }
            catch (PlaywrightException) { } // the browser is already gone
        }
    }
}
