#!/usr/bin/env bash
# Profiles the write path under load: publishes and starts Scripto as write-throughput.sh does (shipped settings, one
# API key), loads it with bench/v1-report.lua (one hot script, or SCRIPTS of them) for a 40 s warm-up (WARMUP), then records
# DURATION s of dotnet-trace (sampled thread time) while wrk goes on, and prints the server's CPU by layer
# (bench/cpu-layers.py); with PROFILER=perf, `perf record -e cpu-clock -g` instead, the JIT's code named through
# DOTNET_PerfMapEnabled=1, native SQLite and the kernel included (bench/perf-layers.py).
# PERF_EVENTS (with PROFILER=perf): other events than cpu-clock, e.g. uprobes on SQLite's own functions; the trace is
# then kept (KEEP_TRACE) but not summed by layer (bench/sqlite-probes.py reads it; bench/README.md, "Eighth pass").
# PROFILER=syscalls: `perf trace -s` instead, where the server's threads wait (per-thread syscall counts and times, e.g.
# SQLite's lock sleeps as clock_nanosleep, fsync), the summary printed (and copied to KEEP_TRACE).
# MODE=v2: v2 pings by name instead, random existing names of 100,000 seeded scripts (V2_SCRIPTS), half /fail (as
# write-throughput.sh's v2 mode: most pings flip their script, so the planner's work is in the profile too).
# Usage: bench/profile-write.sh [connections] (default 16). APP_DIR: a build published beforehand. See bench/README.md.
set -euo pipefail
CONNS=${1:-16}; DURATION=${DURATION:-8}; SCRIPTS=${SCRIPTS:-1}
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
source "$bench_dir/scripto-server.sh"
tmp=$(mktemp -d -t scripto-profile.XXXXXX)
trap 'stop_scripto $?; rm -rf "$tmp"' EXIT
key="bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export Security__ApiKeys__0__Name=bench Security__ApiKeys__0__Key="$key" Security__ApiKeys__0__Scopes="report,read"
if [[ ${PROFILER:-dotnet-trace} == perf || ${PROFILER:-} == syscalls ]]; then
  publish_scripto
  launch_scripto "$tmp/server.log" ConnectionStrings__Scripto="Data Source=$tmp/bench.db" DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
  server_pid=$launched_pid base=$launched_base
else
  start_scripto
fi
lua="$bench_dir/v1-report.lua"
if [[ ${MODE:-v1} == v2 ]]; then
  # The first ping creates the schema's first script; the rest are seeded straight into the file (as write-throughput.sh does).
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $key" "$base/api/v2/ping/bench-v2-1.sh?server=bench"
  python3 "$bench_dir/write-throughput.py" seed-v2 "$tmp/bench.db" "${V2_SCRIPTS:-100000}"
  export BENCH_DIR="$bench_dir" BENCH_KEY="$key" BENCH_V2_SCRIPTS="${V2_SCRIPTS:-100000}"
  lua="$bench_dir/v2-ping.lua"
else
  python3 "$bench_dir/write-throughput.py" create "$base" "$key" bench-profile "$SCRIPTS" >"$tmp/ids.txt"
  export BENCH_DIR="$bench_dir" BENCH_KEY="$key" BENCH_THREADS=2 BENCH_IDS_FILE="$tmp/ids.txt" BENCH_EXPECTED_FILE=
fi
(cd "$repo" && dotnet tool restore >/dev/null)
wrk -t2 -c"$CONNS" -d"${WARMUP:-40}s" -s "$lua" "$base" >/dev/null # JIT tiering settles (bench/README.md)
if [[ ${PROFILER:-} == syscalls ]]; then
  perf trace -s -p "$server_pid" -o "$tmp/trace.txt" -- sleep "$DURATION" 2>/dev/null &
elif [[ ${PROFILER:-dotnet-trace} == perf ]]; then
  # PERF_EVENTS: other events than cpu-clock, e.g. uprobes on SQLite's functions (bench/README.md, "Eighth pass")
  perf record ${PERF_EVENTS:--e cpu-clock -g} -p "$server_pid" -o "$tmp/perf.data" -- sleep "$DURATION" >"$tmp/trace.log" 2>&1 &
else
  (cd "$repo" && dotnet dotnet-trace collect -p "$server_pid" --profile dotnet-sampled-thread-time \
    --duration "00:00:00:$(printf %02d "$DURATION")" -o "$tmp/write.nettrace" >"$tmp/trace.log" 2>&1) &
fi
tracer=$!
cpu_before=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
wrk -t2 -c"$CONNS" -d"$((DURATION + 2))s" --latency -s "$lua" "$base" | grep -E '^bench\.(ok_per_s|p50_ms|p99_ms)' | tr '\n' ' '
cpu_after=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
echo "server CPU $(( (cpu_after - cpu_before) * 1000 / $(getconf CLK_TCK) )) ms"
wait "$tracer" || [[ ${PROFILER:-} == syscalls ]] # perf trace ends with the sleep's signal
if [[ ${PROFILER:-} == syscalls ]]; then
  cat "$tmp/trace.txt"
  [[ -n ${KEEP_TRACE:-} ]] && cp "$tmp/trace.txt" "$KEEP_TRACE"
elif [[ ${PROFILER:-dotnet-trace} == perf ]]; then
  perf script -i "$tmp/perf.data" 2>/dev/null >"$tmp/perf.txt"
  [[ -n ${PERF_EVENTS:-} ]] || python3 "$bench_dir/perf-layers.py" "${TOP:-25}" <"$tmp/perf.txt"
  [[ -n ${KEEP_TRACE:-} ]] && cp "$tmp/perf.txt" "$KEEP_TRACE"
else
  (cd "$repo" && dotnet dotnet-trace convert "$tmp/write.nettrace" --format speedscope -o "$tmp/write" >/dev/null)
  python3 "$bench_dir/cpu-layers.py" "$tmp/write.speedscope.json"
  [[ -n ${KEEP_TRACE:-} ]] && cp "$tmp/write.nettrace" "$KEEP_TRACE"
fi
true
