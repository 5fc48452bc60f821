using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Scripto.Bench.Dashboard;

/// <summary>
/// One script of the soak, reported to by id over v1 or by name over v2, and what the client saw acknowledged.
/// A script has at most one report in flight (each waits for the previous one), so "the last acknowledged" is exact.
/// </summary>
public sealed class SoakScript(long id, string name, bool v2)
{
    public long Id { get; } = id;
    public string Name { get; } = name;
    public bool V2 { get; } = v2;

    public long Acked;
    public long LastAckedSeq = -1; // the soak's report number; -1: none during the soak (the setup report stands)
    public bool LastAckedSuccess = true; // the setup reports a success
    public Task Previous = Task.CompletedTask;
}

/// <summary>
/// A paced load: report k is due at k / rate seconds from the start, and is sent then, whatever the answers before
/// it. Reports go round-robin over the scripts; even-numbered scripts are v1 (PUT /api/v1/script/{id} with
/// {"status": 0|1}), odd ones v2 (POST /api/v2/ping/{name}[/fail]?server=soak with "soak k" as the run's output).
/// Each script's status flips on every report, so every report changes its row. Nothing is ever dropped: when
/// <see cref="MaxInFlight"/> reports are pending, the due ones wait (the lag, reported) rather than be skipped.
/// </summary>
public sealed class SoakLoad(HttpClient http, IReadOnlyList<SoakScript> scripts, int rate)
{
    public const int MaxInFlight = 2_000;
    public const string Server = "soak";

    private static readonly byte[] V1Failed = """{"status":0}"""u8.ToArray();
    private static readonly byte[] V1Succeeded = """{"status":1}"""u8.ToArray();

    private readonly ConcurrentDictionary<string, long> _errors = new();
    private readonly Lock _latencyLock = new();
    private List<double> _latencies = [];
    private long _sent, _ok, _errorCount, _inFlight, _lag, _maxLag, _waitedForPrevious;

    public long Sent => Interlocked.Read(ref _sent);
    public long Ok => Interlocked.Read(ref _ok);
    public long Errors => Interlocked.Read(ref _errorCount);
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Reports due but not yet sent (the pacer is behind: too many pending).</summary>
    public long Lag => Interlocked.Read(ref _lag);

    public long MaxLag => Interlocked.Read(ref _maxLag);

    /// <summary>Seconds from the first report sent to the last one sent.</summary>
    public double SendSeconds { get; private set; }

    /// <summary>Seconds from the first report sent to the last answer.</summary>
    public double AnswerSeconds { get; private set; }

    /// <summary>Reports that waited for the previous one to the same script to be answered (an answer slower than a round).</summary>
    public long WaitedForPrevious => Interlocked.Read(ref _waitedForPrevious);

    public IReadOnlyDictionary<string, long> ErrorsByKind => _errors;

    /// <summary>The client-side round trips (ms) of the reports answered since the last call.</summary>
    public List<double> TakeLatencies()
    {
        lock (_latencyLock)
        {
            var taken = _latencies;
            _latencies = new List<double>(taken.Count);
            return taken;
        }
    }

    /// <summary>Creates the scripts: half with POST /api/v1/script (status 1), half with a first v2 ping (a success).</summary>
    public static async Task<List<SoakScript>> CreateScriptsAsync(HttpClient http, int count, CancellationToken cancellationToken)
    {
        var scripts = new SoakScript?[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var v2 = i % 2 == 1;
                var name = $"soak-{(v2 ? "v2" : "v1")}-{i:D5}.sh";
                using var request = v2
                    ? new HttpRequestMessage(HttpMethod.Post, $"api/v2/ping/{name}?server={Server}") { Content = Output("soak setup") }
                    : new HttpRequestMessage(HttpMethod.Post, "api/v1/script")
                    {
                        Content = new StringContent(JsonSerializer.Serialize(new { name, server = Server, status = 1 }), Encoding.UTF8, "application/json"),
                    };
                using var response = await http.SendAsync(request, token);
                var body = await response.Content.ReadAsStringAsync(token);
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
                using var document = JsonDocument.Parse(body);
                scripts[i] = new SoakScript(document.RootElement.GetProperty("id").GetInt64(), name, v2);
            });
        return scripts.Select(s => s!).ToList();
    }

    /// <summary>Sends <c>rate × length</c> reports at the pace, then waits for every answer.</summary>
    public async Task RunAsync(TimeSpan length, CancellationToken cancellationToken)
    {
        var total = (long)(length.TotalSeconds * rate);
        var clock = Stopwatch.StartNew();
        long k = 0;
        try
        {
            while (k < total)
            {
                var due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate));
                for (; k < due && Interlocked.Read(ref _inFlight) < MaxInFlight; k++)
                    Send(k);
                var lag = due - k;
                Interlocked.Exchange(ref _lag, lag);
                if (lag > Interlocked.Read(ref _maxLag)) Interlocked.Exchange(ref _maxLag, lag);
                await Task.Delay(1, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        SendSeconds = clock.Elapsed.TotalSeconds;
        Interlocked.Exchange(ref _lag, 0);
        await Task.WhenAll(scripts.Select(s => s.Previous));
        AnswerSeconds = clock.Elapsed.TotalSeconds;
    }

    private void Send(long k)
    {
        var script = scripts[(int)(k % scripts.Count)];
        // Round 0 fails every script (the setup reported a success), round 1 succeeds, and so on.
        var success = k / scripts.Count % 2 == 1;
        Interlocked.Increment(ref _sent);
        Interlocked.Increment(ref _inFlight);
        script.Previous = SendAfterAsync(script.Previous, script, k, success);
    }

    private async Task SendAfterAsync(Task previous, SoakScript script, long k, bool success)
    {
        try
        {
            if (!previous.IsCompleted)
            {
                Interlocked.Increment(ref _waitedForPrevious);
                await previous;
            }
            using var request = script.V2
                ? new HttpRequestMessage(HttpMethod.Post, $"api/v2/ping/{script.Name}{(success ? "" : "/fail")}?server={Server}")
                {
                    Content = Output($"soak {k.ToString(CultureInfo.InvariantCulture)}"),
                }
                : new HttpRequestMessage(HttpMethod.Put, $"api/v1/script/{script.Id.ToString(CultureInfo.InvariantCulture)}")
                {
                    Content = Json(success ? V1Succeeded : V1Failed),
                };
            var start = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, CancellationToken.None); // the answer is read in full
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (response.IsSuccessStatusCode)
            {
                script.Acked++;
                script.LastAckedSeq = k;
                script.LastAckedSuccess = success;
                Interlocked.Increment(ref _ok);
                lock (_latencyLock) _latencies.Add(ms);
            }
            else
            {
                Error($"{(script.V2 ? "v2" : "v1")} HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Error($"{(script.V2 ? "v2" : "v1")} {(e is TaskCanceledException ? "timeout" : $"{e.GetType().Name}: {e.Message}")}");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void Error(string kind)
    {
        Interlocked.Increment(ref _errorCount);
        _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static ByteArrayContent Output(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return content;
    }
}
