#!/usr/bin/env bash
# Where the server's threads wait under v2 load (bench/README.md, "Seventh pass"): 100,000 seeded scripts, v2 pings
# as write-throughput.sh's v2 mode, a WARMUP (30 s), then `perf trace -s` of the server for DURATION (8) s, the
# per-thread syscall summary written to OUT. APP_DIR: a published build; EXTRA_ENV: settings for the server.
# Usage: bench/syscall-waits.sh [connections]
set -euo pipefail
CONNS=${1:-16}; DURATION=${DURATION:-8}
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
source "$bench_dir/scripto-server.sh"
tmp=$(mktemp -d -t stall-diag.XXXXXX)
trap 'stop_scripto $?; rm -rf "$tmp"' EXIT
key="bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export Security__ApiKeys__0__Name=bench Security__ApiKeys__0__Key="$key" Security__ApiKeys__0__Scopes="report,read"
publish_scripto
launch_scripto "$tmp/server.log" ConnectionStrings__Scripto="Data Source=$tmp/bench.db" ${EXTRA_ENV:-}
server_pid=$launched_pid base=$launched_base
curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $key" "$base/api/v2/ping/bench-v2-1.sh?server=bench"
python3 "$bench_dir/write-throughput.py" seed-v2 "$tmp/bench.db" 100000
export BENCH_DIR="$bench_dir" BENCH_KEY="$key" BENCH_V2_SCRIPTS=100000
lua="$bench_dir/v2-ping.lua"
wrk -t2 -c"$CONNS" -d"${WARMUP:-30}s" -s "$lua" "$base" >/dev/null
perf trace -s -p "$server_pid" -o "$tmp/trace.txt" -- sleep "$DURATION" 2>/dev/null &
tracer=$!
cpu_before=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
wrk -t2 -c"$CONNS" -d"$((DURATION + 2))s" --latency -s "$lua" "$base" | grep -E '^bench\.(ok_per_s|p50_ms|p99_ms)' | tr '\n' ' '
cpu_after=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
echo "server CPU $(( (cpu_after - cpu_before) * 1000 / $(getconf CLK_TCK) )) ms"
wait "$tracer" || true
cp "$tmp/trace.txt" "${OUT:-/tmp/syscall-waits.txt}"
curl -fsS -H "Authorization: Bearer $key" "$base/metrics" | grep -i "stall\|checkpoint" | grep -v "^#" || true
[[ -n ${KEEP_LOG:-} ]] && cp "$tmp/server.log" "$KEEP_LOG"
true
