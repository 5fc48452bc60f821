using Microsoft.Playwright;

namespace Scripto.Bench.Dashboard;

/// <summary>Debian's Chromium driven by Playwright's bundled driver (no downloaded browser, no profile directory of ours).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1400, Height = 900 } };

    /// <summary>
    /// Starts Chromium; with a <paramref name="niceness"/> above 0 every Chromium process runs at that nice level (through
    /// a small wrapper that execs <c>nice</c>), so that on a shared machine the server under test comes first.
    /// </summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, int niceness = 0) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = niceness > 0 ? NiceWrapper(niceness) : ExecutablePath,
        Headless = true,
        Timeout = 30_000,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
            // Chromium 156's headless browser loads its own omnibox popup (a WebUI page, ~0.9 s of CPU) with each new
            // window, i.e. during each measured first render: on 2 cores the page waited for it (bench/README.md).
            "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup",
        ],
    });

    /// <summary>
    /// Sets the scheduling group of the Chromium processes under this one to <paramref name="niceness"/>. With
    /// sched_autogroup (Debian's default) Linux shares the CPU between sessions first, and Playwright starts Chromium
    /// in a session of its own: its processes' nice level alone would not make it yield to the server. Returns the
    /// groups changed, e.g. "/autogroup-81 nice 10", for the log.
    /// </summary>
    public static List<string> DeprioritizeGroup(int niceness)
    {
        var own = Autogroup(Environment.ProcessId);
        var changed = new List<string>();
        foreach (var pid in Procfs.Descendants(Environment.ProcessId))
        {
            if (Procfs.Stat(pid) is not { } stat || !stat.Name.Contains("chrom", StringComparison.OrdinalIgnoreCase)) continue;
            var group = Autogroup(pid);
            if (group is null || group.Split(' ')[0] == own?.Split(' ')[0] || changed.Contains(group)) continue;
            try
            {
                File.WriteAllText($"/proc/{pid}/autogroup", niceness.ToString(System.Globalization.CultureInfo.InvariantCulture));
                changed.Add(Autogroup(pid) ?? group);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return changed;
    }

    private static string? Autogroup(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/autogroup").Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string NiceWrapper(int niceness)
    {
        // Beside the bench's binaries, which bench/dashboard.sh removes at the end.
        var path = Path.Combine(AppContext.BaseDirectory, "chromium-nice.sh");
        File.WriteAllText(path, $"#!/bin/sh\nexec nice -n {niceness} {ExecutablePath} \"$@\"\n");
        if (!OperatingSystem.IsWindows()) // always so here: the bench drives /usr/bin/chromium
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

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
