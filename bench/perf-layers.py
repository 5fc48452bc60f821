"""The server's CPU by layer, from `perf script` output of `perf record -e cpu-clock -g -p <pid>` on a server started
with DOTNET_PerfMapEnabled=1 (so that JIT code resolves through /tmp/perf-<pid>.map).

  perf script -i perf.data | python3 bench/perf-layers.py [top]

Each sample goes to the innermost frame that matches a layer below (the finer request-path layers first, since they
run inside Kestrel's frames); then the top frames by own CPU, and the request path's own frames. The tiered-compilation
thread is counted apart: it is the warm-up's cost (bench/README.md, "Third pass"), not a report's.
"""
import collections
import re
import sys

LAYERS = [
    ("notification planner", r"NotificationPlanner|Scripto\.Core\.Notifications\."),
    ("writer: statements, commit", r"ScriptWriter|WriteSession|ScriptStore|Scripto\.Core\.Writing"),
    ("storage upkeep (background checkpoint), time worker", r"StorageUpkeep|TimeWorker"),
    ("JSON read and validation (v1 body, ping query)", r"JsonBodyReader|V1Body|V1Json|PingQuery|PingParameters|System\.Text\.Json\.JsonSerializer\.Deserialize|Utf8JsonReader"),
    ("the answer (JSON write, result)", r"V1Script|V2Script|JsonResultExecutor|HttpResultsHelper|Results\.(Ok|Json)|System\.Text\.Json\.(JsonSerializer\.Serialize|Utf8JsonWriter|Serialization\.Metadata)|WriteAsJsonAsync|TypedResults|OkObjectResult|Ok`1"),
    ("report endpoint (minimal API glue, filters)", r"ScriptsV1Writes|PingEndpoints|RequestDelegateFactory|EndpointFilter|RefusalLog"),
    ("MVC", r"Microsoft\.AspNetCore\.Mvc"),
    ("authentication", r"Authentication|ScriptoAuthenticationHandler|CachedPrincipals|ApiKeys"),
    ("authorization", r"Authorization"),
    ("rate limiter", r"RateLimit"),
    ("antiforgery", r"Antiforgery"),
    ("status-code pages, exception handler", r"StatusCodePages|ExceptionHandler"),
    ("routing, endpoint matching", r"Microsoft\.AspNetCore\.Routing"),
    ("static assets", r"StaticAssets|StaticFiles"),
    ("origin guard, circuit gate, public address, forwarded headers", r"RequestOriginGuard|CircuitGate|NotificationSettings|PublicAddress|ForwardedHeaders|Hsts"),
    ("metrics (meter listener, prometheus-net)", r"ReportMetrics|Prometheus|System\.Diagnostics\.Metrics|HostingMetrics|MetricsExport"),
    ("hosting: activity, log scope, diagnostics", r"HostingApplication|Microsoft\.AspNetCore\.Hosting|System\.Diagnostics\.Activity|Logging|LoggerMessage|Logger`1|ExternalScopeProvider"),
    ("Kestrel, sockets, pipelines", r"Kestrel|System\.Net\.Sockets|System\.IO\.Pipelines|HttpProtocol|Http1"),
    ("EF Core", r"EntityFrameworkCore"),
    ("SQLite (managed wrapper)", r"Microsoft\.Data\.Sqlite|SQLitePCL"),
    ("SQLite (native)", r"libe_sqlite3|sqlite3"),
    ("thread pool, tasks", r"PortableThreadPool|ThreadPoolWorkQueue|LowLevel|System\.Threading\.Tasks|AsyncTaskMethodBuilder|ExecutionContext"),
    ("GC", r"libcoreclr\.so.*(gc|GC)|WKS::|SVR::|gc_heap|GCHeap"),
    ("JIT", r"libclrjit"),
    ("kernel", r"\[kernel\.kallsyms\]"),
]
REQUEST_PATH = re.compile(r"Microsoft\.AspNetCore|Scripto\.Web")

threads = collections.Counter()
samples, layer, own, path_own = 0, collections.Counter(), collections.Counter(), collections.Counter()
compiled = [(name, re.compile(rx)) for name, rx in LAYERS]


def flush(stack):
    global samples
    if not stack:
        return
    samples += 1
    own[stack[0]] += 1  # perf script lists the leaf first
    hit = next((name for frame in stack for name, rx in compiled if rx.search(frame)), "other")
    layer[hit] += 1
    inner_path = next((frame for frame in stack if REQUEST_PATH.search(frame)), None)
    if inner_path:
        path_own[inner_path] += 1


stack, skip = [], False
HEADER = re.compile(r"^(.*?)\s+\d+(?:/\d+)?\s+(?:\[\d+\]\s+)?[\d.]+:")
for line in sys.stdin:
    line = line.rstrip("\n")
    if not line.strip():
        if not skip:
            flush(stack)
        stack = []
    elif not line.startswith(("\t", " ")):
        thread = (HEADER.match(line) or [None, "?"])[1]
        threads[thread] += 1
        skip = thread.startswith(".NET Tiered")
    elif not skip:
        parts = line.strip().split(None, 1)
        stack.append(parts[1] if len(parts) > 1 else parts[0])
if not skip:
    flush(stack)

top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
everything = sum(threads.values())
print(f"samples: {everything}, by thread: " + ", ".join(f"{t} {n / everything * 100:.1f} %" for t, n in threads.most_common(6)))
print(f"without the tiered-compilation thread: {samples}")
for name, n in layer.most_common():
    print(f"{n / samples * 100:6.1f} %  {name}")
print("-- top frames by own CPU")
for name, n in own.most_common(top):
    print(f"{n / samples * 100:6.1f} %  {name[:160]}")
print("-- innermost ASP.NET Core / Scripto.Web frame of each sample (the request path's share, by frame)")
for name, n in path_own.most_common(top):
    print(f"{n / samples * 100:6.1f} %  {name[:160]}")
