using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Scripto.Bench.Dashboard;

/// <summary>The bench's settings, from <c>--name value</c> arguments (bench/dashboard.sh passes them).</summary>
public sealed record Options(
    Uri BaseUri,
    int ServerPid,
    string DatabasePath,
    string? ChromiumPidsFile,
    int Scripts,
    int ScaleScripts,
    int LiveSamples,
    int LoadRate,
    int MemoryPages,
    int MemoryWarmupPages,
    TimeSpan MemoryHold,
    int RenderRepeats,
    TimeSpan Deadline,
    IReadOnlySet<string> Phases,
    bool LiveWithoutAnimations,
    string MemoryPath,
    string Ceiling,
    Soak Soak)
{
    public bool Runs(string phase) => Phases.Contains(phase);

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            values[args[i][2..]] = args[++i];
        }
        string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var baseUrl = Required("base-url");
        return new Options(
            new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"),
            int.Parse(Required("server-pid"), CultureInfo.InvariantCulture),
            Required("db"),
            values.GetValueOrDefault("chromium-pids"),
            Int("scripts", 200),
            Int("scale-scripts", 100_000),
            Int("live-samples", 200),
            Int("load-rate", 500),
            Int("memory-pages", 20),
            Int("memory-warmup-pages", 40),
            TimeSpan.FromSeconds(Int("memory-hold-s", 0)),
            Int("render-repeats", 5),
            TimeSpan.FromSeconds(Int("deadline-s", 840)),
            values.GetValueOrDefault("phases", "memory,live,scale").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
            values.GetValueOrDefault("live-without-animations") is "1" or "true",
            values.GetValueOrDefault("memory-path", "/"),
            values.GetValueOrDefault("ceiling", "ceiling: not measured"),
            new Soak(
                TimeSpan.FromSeconds(Int("soak-duration", 600)),
                TimeSpan.FromSeconds(Int("soak-warmup", 30)),
                Int("soak-rate", 1000),
                Int("soak-dashboards", 10)));
    }
}

/// <summary>The soak's settings: <see cref="Rate"/> reports/s for <see cref="Warmup"/> + <see cref="Duration"/>, with dashboards open.</summary>
public sealed record Soak(TimeSpan Duration, TimeSpan Warmup, int Rate, int Dashboards);

/// <summary>The v1 REST API, as a client sees it.</summary>
public sealed class Api : IDisposable
{
    private static readonly byte[] Failed = """{"status":0}"""u8.ToArray();
    private static readonly byte[] Succeeded = """{"status":1}"""u8.ToArray();
    private readonly HttpClient _http;

    public Api(Uri baseUri, int maxConnections = 64)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, UseProxy = false })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public async Task<long> CreateAsync(object script, CancellationToken cancellationToken)
    {
        using var content = new StringContent(JsonSerializer.Serialize(script), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("api/v1/script", content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST /api/v1/script answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>PUT {"status": 0|1}; true on a 2xx, once the answer (sent after the commit) has been read.</summary>
    public async Task<bool> PutStatusAsync(long id, bool success, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(success ? Succeeded : Failed);
        content.Headers.ContentType = new("application/json");
        using var response = await _http.PutAsync($"api/v1/script/{id}", content, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public void Dispose() => _http.Dispose();
}

public static class Clock
{
    /// <summary>Wall-clock ms since the Unix epoch, the same clock as the page's performance.timeOrigin + performance.now().</summary>
    public static double UnixMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
}

public static class Stats
{
    /// <summary>Nearest-rank percentile (q in 0..1).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string Ms(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0", CultureInfo.InvariantCulture);

    public static string Mb(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>Reads /proc: the server's resident memory, and the Chromium processes this bench started.</summary>
public static class Procfs
{
    /// <summary>The dotnet process that runs Scripto.Web.dll: the pid given, or its descendant if that is a shell.</summary>
    public static int ServerPid(int pid)
    {
        if (CommandLine(pid).Contains("Scripto.Web.dll", StringComparison.Ordinal)) return pid;
        foreach (var child in Descendants(pid))
            if (CommandLine(child).Contains("Scripto.Web.dll", StringComparison.Ordinal)) return child;
        throw new InvalidOperationException($"pid {pid} is not the server (cmdline '{CommandLine(pid)}') and none of its children is");
    }

    public static double RssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        throw new InvalidOperationException($"no VmRSS for pid {pid}");
    }

    /// <summary>Fields of /proc/&lt;pid&gt;/status in kB (or as counted, e.g. Threads): VmRSS, RssAnon, RssFile, Threads...</summary>
    public static Dictionary<string, long> Status(int pid)
    {
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var value = line[(colon + 1)..].Trim().Split(' ')[0];
            if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) fields[line[..colon]] = number;
        }
        return fields;
    }

    /// <summary>CPU time (user + system) used so far by a process, in seconds; 0 once it is gone.</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat (utime, stime), counted from the state field (3): indexes 11 and 12 here.
            return (long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
    }

    /// <summary>CPU seconds all processes of the machine used so far (all cores, from /proc/stat).</summary>
    public static double MachineBusySeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields.Sum() - fields[3] - fields[4]) / 100.0; // less idle and iowait
    }

    /// <summary>CPU seconds of every process below this one (Playwright's driver and Chromium).</summary>
    public static double ChildrenCpuSeconds() => Descendants(Environment.ProcessId).Sum(CpuSeconds);

    public static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    /// <summary>Every process below <paramref name="root"/> (Chromium keeps its parent even though it runs in its own group).</summary>
    public static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            if (Stat(pid) is { } stat) parents[pid] = stat.Parent;
        }
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
            foreach (var (pid, ppid) in parents)
                if (ppid == parent) { found.Add(pid); frontier.Enqueue(pid); }
        return found;
    }

    public static (string Name, int Parent, int Group)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var open = text.IndexOf('(');
            var close = text.LastIndexOf(')');
            var rest = text[(close + 2)..].Split(' ');
            return (text[(open + 1)..close], int.Parse(rest[1], CultureInfo.InvariantCulture), int.Parse(rest[2], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
