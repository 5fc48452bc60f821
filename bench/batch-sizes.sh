#!/usr/bin/env bash
# How many reports the writer commits together, per mode and connection count: starts Scripto as profile-write.sh does
# (shipped settings, one API key; APP_DIR: a build published beforehand), warms it up (WARMUP s, JIT tiering), then for
# each connection count runs wrk DURATION s and prints, from /metrics before and after (scripto_writer_batches{size},
# scripto_writer_batched_changes), the batches by size, the mean, the share of reports in each bucket, reports/s and
# the server's CPU per report, its threads' context switches per report, and the voluntary ones by thread name (which
# threads go to sleep). MODE: hot (one script), spread (SCRIPTS=1000), v2 (100,000 scripts by name).
# Usage: MODE=hot APP_DIR=/tmp/x bench/batch-sizes.sh [connections ...] (default 16 64). See bench/README.md,
# "Eleventh pass".
set -euo pipefail
CONNS=("${@:-16 64}"); [[ $# -eq 0 ]] && CONNS=(16 64)
DURATION=${DURATION:-10}; MODE=${MODE:-hot}
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
source "$bench_dir/scripto-server.sh"
tmp=$(mktemp -d -t scripto-batches.XXXXXX)
trap 'stop_scripto $?; [[ -n ${SERVER_LOG:-} ]] && cp "$tmp/server.log" "$SERVER_LOG"; rm -rf "$tmp"' EXIT
key="bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export Security__ApiKeys__0__Name=bench Security__ApiKeys__0__Key="$key" Security__ApiKeys__0__Scopes="report,read"
start_scripto
export BENCH_DIR="$bench_dir" BENCH_KEY="$key" BENCH_THREADS=2
case $MODE in
  v2)
    curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $key" "$base/api/v2/ping/bench-v2-1.sh?server=bench"
    python3 "$bench_dir/write-throughput.py" seed-v2 "$tmp/bench.db" "${V2_SCRIPTS:-100000}"
    export BENCH_V2_SCRIPTS="${V2_SCRIPTS:-100000}"
    lua="$bench_dir/v2-ping.lua" ;;
  hot|spread)
    scripts=1; [[ $MODE == spread ]] && scripts=${SCRIPTS:-1000}
    python3 "$bench_dir/write-throughput.py" create "$base" "$key" "bench-$MODE" "$scripts" >"$tmp/ids.txt"
    export BENCH_IDS_FILE="$tmp/ids.txt" BENCH_EXPECTED_FILE=
    lua="$bench_dir/v1-report.lua" ;;
  *) echo "bench: MODE is hot, spread or v2" >&2; exit 1 ;;
esac
wrk -t2 -c"${CONNS[0]}" -d"${WARMUP:-40}s" -s "$lua" "$base" >/dev/null
# Context switches of all the server's threads (voluntary: a thread went to sleep, to be woken; involuntary: preempted).
switches() { cat /proc/"$server_pid"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt/ { v += $2 } /^nonvoluntary_ctxt/ { n += $2 } END { print v, n }'; }
# The same per thread (tid, name, voluntary switches), to say which threads go to sleep: the twelfth pass's question.
by_thread() { for t in /proc/"$server_pid"/task/*; do printf '%s\t%s\t%s\n' "${t##*/}" "$(cat "$t/comm" 2>/dev/null)" "$(awk '/^voluntary_ctxt/ { print $2 }' "$t/status" 2>/dev/null)"; done >"$1"; }
scrape() { curl -fsS -H "Authorization: Bearer $key" "$base/metrics" | grep -E '^scripto_writer_batch' >"$1" || true; }
for c in "${CONNS[@]}"; do
  wrk -t2 -c"$c" -d3s -s "$lua" "$base" >/dev/null
  scrape "$tmp/before"; cpu_before=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat"); cs_before=$(switches); by_thread "$tmp/threads-before"
  read -r load _ </proc/loadavg
  rps=$(wrk -t2 -c"$c" -d"${DURATION}s" --latency -s "$lua" "$base" | awk '$1 == "bench.ok_per_s" { print $2 }')
  cpu_after=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat"); cs_after=$(switches); by_thread "$tmp/threads-after"; scrape "$tmp/after"
  python3 - "$tmp/before" "$tmp/after" "$MODE" "$c" "$rps" "$(( (cpu_after - cpu_before) * 1000 / $(getconf CLK_TCK) ))" "$load" "$DURATION" $cs_before $cs_after "$tmp/threads-before" "$tmp/threads-after" <<'PY'
import re, sys
def read(path):
    values = {}
    for line in open(path):
        name, value = line.rsplit(None, 1)
        values[name] = float(value)
    return values
before, after = read(sys.argv[1]), read(sys.argv[2])
mode, conns, rps, cpu_ms, load, seconds = sys.argv[3:9]
vol = (int(sys.argv[11]) - int(sys.argv[9])); invol = (int(sys.argv[12]) - int(sys.argv[10]))
seconds = float(seconds)
delta = {k: after[k] - before.get(k, 0) for k in after}
order = ["1", "2", "3-4", "5-8", "9-16", "17-32", "33-64", "65+"]
batches = {m.group(1): v for k, v in delta.items() if (m := re.search(r'size="([^"]+)"', k))}
changes = delta.get("scripto_writer_batched_changes", 0)
total = sum(batches.values()) or 1
mids = {"1": 1, "2": 2, "3-4": 3.5, "5-8": 6.5, "9-16": 12.5, "17-32": 24.5, "33-64": 48.5, "65+": 80}
approx = {b: batches.get(b, 0) * mids[b] for b in order}
asum = sum(approx.values()) or 1
print(f"{mode:6} c{conns:>3}  load {load}  {float(rps or 0):7.0f} reports/s  cpu_ms/rep {int(cpu_ms) / max(changes, 1):.3f}  "
      f"batches {int(total)} ({total / seconds:.0f}/s)  mean {changes / total:.2f}")
print(f"        context switches per report: voluntary {vol / max(changes, 1):.2f}, involuntary {invol / max(changes, 1):.2f} (threads exited meanwhile not counted)")
print("        batches by size: " + "  ".join(f"{b}:{100 * batches.get(b, 0) / total:.1f}%" for b in order))
print("        reports by size (~): " + "  ".join(f"{b}:{100 * approx[b] / asum:.1f}%" for b in order))
def threads(path):
    rows = {}
    for line in open(path):
        tid, name, vol = (line.rstrip("\n").split("\t") + ["", ""])[:3]
        if vol: rows[tid] = (re.sub(r"\s*\d+$", "", name), int(vol))
    return rows
t0, t1 = threads(sys.argv[13]), threads(sys.argv[14])
named = {}
for tid, (name, vol) in t1.items():
    if tid in t0: named[name] = named.get(name, 0) + vol - t0[tid][1]
top = sorted(((v, n) for n, v in named.items() if v > 0), reverse=True)[:5]
print("        voluntary switches per report by thread: " + "  ".join(f"{n}:{v / max(changes, 1):.2f}" for v, n in top))
PY
done
