using Microsoft.Playwright;

namespace Scripto.Bench.Dashboard;

/// <summary>Debian's Chromium driven by Playwright's bundled driver (no downloaded browser, no profile directory of ours).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1400, Height = 900 } };

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Timeout = 30_000,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
        ],
    });

    /// <summary>
    /// Writes the pids of the Chromium processes under this process (one per line, process-group leaders first), so
    /// that bench/dashboard.sh can end them if this bench dies before closing its browser.
    /// </summary>
    public static void RecordPids(string? file)
    {
        if (file is null) return;
        var pids = Procfs.Descendants(Environment.ProcessId)
            .Select(pid => (pid, stat: Procfs.Stat(pid)))
            .Where(p => p.stat is { } s && s.Name.Contains("chrom", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.stat!.Value.Group == p.pid)
            .Select(p => p.pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllLines(file, pids);
    }

    /// <summary>True once the page's Blazor circuit is up and it follows the change feed.</summary>
    public static Task WaitForLiveAsync(IPage page, float timeout = 15_000) =>
        page.WaitForFunctionAsync("() => document.querySelector('[data-live]') !== null", null, new() { Timeout = timeout });
}
