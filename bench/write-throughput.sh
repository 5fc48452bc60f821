#!/usr/bin/env bash
# Write-path throughput of Scripto, beside this machine's HTTP ceiling measured in the same run: v1 reports to one
# hot script, v1 reports spread over 1,000 scripts, v2 pings by name on 100,000 scripts; each at 16 and 64
# connections, with p50/p99, errors, a check that every acknowledged report is stored, and the longest stall of the
# writer caused by a checkpoint. The app runs with its shipped settings and reports with an API key. See bench/README.md.
#
# Environment:
#   MODES            which modes, comma-separated: hot, spread, v2          (default hot,spread,v2)
#   CONNECTIONS      connection counts, space-separated (wrk -c)            (default "16 64")
#   DURATION         seconds of each measured run                           (default 10)
#   WARMUP           seconds of warm-up before each measured run            (default 3)
#   FIRST_WARMUP     seconds of warm-up before the first one (JIT tiering)  (default 40)
#   MODE_WARMUP      seconds before the first run of each later mode        (default 15)
#   THREADS          wrk threads (wrk -t)                                   (default 2)
#   SPREAD_SCRIPTS   scripts of the spread                                  (default 1000)
#   V2_SCRIPTS       scripts pinged by name                                 (default 100000)
#   CEILING_SECONDS  seconds of each ceiling measurement                    (default 8)
#   SERVER_LOG       if set, the server's log is copied there at the end
#   APP_DIR          run the app published there instead of publishing this tree (A/B comparisons)
set -euo pipefail

MODES=${MODES:-hot,spread,v2}
CONNECTIONS=${CONNECTIONS:-16 64}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
FIRST_WARMUP=${FIRST_WARMUP:-40}
MODE_WARMUP=${MODE_WARMUP:-15}
THREADS=${THREADS:-2}
SPREAD_SCRIPTS=${SPREAD_SCRIPTS:-1000}
V2_SCRIPTS=${V2_SCRIPTS:-100000}
CEILING_SECONDS=${CEILING_SECONDS:-8}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench_dir/scripto-server.sh"
repo=$(cd "$bench_dir/.." && pwd)
ceiling_sh="$repo/../shared/calibration/ceiling.sh"
[[ -x $ceiling_sh ]] || ceiling_sh=/work/shared/calibration/ceiling.sh
[[ -f $ceiling_sh ]] || { echo "bench: ../shared/calibration/ceiling.sh not found" >&2; exit 1; }

need=(); command -v wrk >/dev/null || need+=(wrk); command -v jq >/dev/null || need+=(jq)
if [[ ${#need[@]} -gt 0 ]]; then apt-get update -q && apt-get install -y -q -o DPkg::Lock::Timeout=600 "${need[@]}"; fi
for tool in curl jq python3 dotnet wrk; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is required" >&2; exit 1; }
done

tmp=$(mktemp -d -t scripto-bench.XXXXXX)
server_pid=
cleanup() {
  local status=$?
  [[ -n ${SERVER_LOG:-} && -f $tmp/server.log ]] && cp "$tmp/server.log" "$SERVER_LOG"
  stop_scripto "$status"
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
helper() { python3 "$bench_dir/write-throughput.py" "$@"; }

ceiling() { # prints json_put_rps
  echo "== the ceiling ($ceiling_sh $CEILING_SECONDS)" >&2
  bash "$ceiling_sh" "$CEILING_SECONDS" | tee -a "$tmp/ceiling.txt" >&2
  awk '$1 == "ceiling.json_put_rps" { v = $2 } END { print v }' "$tmp/ceiling.txt" | tail -1
}
ceiling_before=$(ceiling)

# Shipped settings (appsettings.json: Security:Anonymous Local, rate limits, metrics on) and one key from
# configuration, as a production install has: every report below carries it, so it is looked up and checked.
key="bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export Security__ApiKeys__0__Name=bench Security__ApiKeys__0__Key="$key" Security__ApiKeys__0__Scopes="report,read"
start_scripto
db="$tmp/bench.db"

code=$(curl -sS -o /dev/null -w '%{http_code}' -X PUT "$base/api/v1/script/1" -H 'Authorization: Bearer bench_wrong_key_0000000000' \
  -H 'Content-Type: application/json' --data '{"status":1}')
[[ $code == 401 ]] || { echo "bench: a wrong key was answered $code, not 401: keys are not checked" >&2; exit 1; }

metric() { # name with labels as printed, e.g. 'scripto_reports_total{api="v1",outcome="accepted"}'; 0 when absent
  curl -fsS -H "Authorization: Bearer $key" "$base/metrics" >"$tmp/metrics.txt"
  awk -v name="$1" 'index($0, name " ") == 1 { v = $NF } END { print (v == "" ? 0 : v) }' "$tmp/metrics.txt"
}
accepted() { echo $(( $(metric 'scripto_reports_total{api="v1",outcome="accepted"}' | cut -d. -f1) + $(metric 'scripto_reports_total{api="v2",outcome="accepted"}' | cut -d. -f1) )); }

results="$tmp/results.txt"
: >"$results"
failed=0

# One measured run: warm-up, run, then the check that every report acknowledged (2xx) was committed.
measure() { # mode, connections, lua script
  local mode=$1 conns=$2 lua=$3 warmup=$WARMUP
  # The first run waits for the JIT's tiered code: after 8 s of load the tiering thread still took 22 % of the
  # server's CPU and hot 16c measured 1.17 ms of CPU per report; after 40 s, 3.8 % and 0.31 ms (bench/README.md).
  # The first run of a later mode warms its own endpoint and queries a while too.
  if [[ ! -s $results ]]; then warmup=$FIRST_WARMUP
  elif ! grep -q "^$mode " "$results"; then warmup=$MODE_WARMUP; fi
  echo "== $mode: warm-up $warmup s, then wrk -t$THREADS -c$conns -d${DURATION}s"
  [[ $mode == v2 ]] || refresh_ids "$mode"
  wrk -t"$THREADS" -c"$conns" -d"${warmup}s" -s "$lua" "$base" >"$tmp/warmup.txt" 2>&1 || { cat "$tmp/warmup.txt" >&2; exit 1; }
  sleep 0.3
  [[ $mode == v2 ]] || refresh_ids "$mode"
  local runs_before accepted_before cpu_before
  runs_before=$(helper runs "$db"); accepted_before=$(accepted); cpu_before=$(cpu_ticks)
  wrk -t"$THREADS" -c"$conns" -d"${DURATION}s" --latency -s "$lua" "$base" >"$tmp/run.txt" 2>&1 || { cat "$tmp/run.txt" >&2; exit 1; }
  sleep 0.5 # reports still in flight when wrk stopped are committed (and counted) after it
  local runs_after accepted_after cpu_after
  cpu_after=$(cpu_ticks); runs_after=$(helper runs "$db"); accepted_after=$(accepted)
  figure() { awk -v key="bench.$1" '$1 == key { print $2 }' "$tmp/run.txt"; }
  local ok rps p50 p99 errors committed counted stall lost differ=0
  ok=$(figure ok); rps=$(figure ok_per_s); p50=$(figure p50_ms); p99=$(figure p99_ms); errors=$(figure errors)
  committed=$((runs_after - runs_before)); counted=$((accepted_after - accepted_before))
  # Reports sent just as wrk stopped may be committed without wrk counting their answer: at most one per connection.
  lost=$(( ok > committed ? ok - committed : 0 ))
  if [[ $mode == spread ]]; then
    helper statuses "$db" >"$tmp/stored.txt"
    differ=$(LC_ALL=C join <(LC_ALL=C sort -k1,1 "$tmp/expected.txt") <(LC_ALL=C sort -k1,1 "$tmp/stored.txt") | awk '$2 != $3' | wc -l)
  fi
  stall=$(metric scripto_writer_longest_checkpoint_stall_seconds)
  # CPU the server spent per report: unlike reports/s, it barely moves when other work shares the machine.
  local cpu_ms
  cpu_ms=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" -v n="$committed" 'BEGIN { printf "%.3f", (n > 0 ? t * 1000 / hz / n : 0) }')
  local verdict=stored
  # wrk gives up on a request after 2 s (a timeout error) and may do so after it was committed: more committed than
  # acknowledged, never fewer, is the check.
  if (( lost > 0 || differ > conns )); then verdict=LOST; failed=1; fi
  printf '%s %s %s %s %s %s %s %s %s %s %s %s %s\n' "$mode" "$conns" "$rps" "$p50" "$p99" "$errors" "$ok" "$committed" "$counted" \
    "$differ" "$verdict" "$stall" "$cpu_ms" >>"$results"
  grep -E '^bench\.(ok_per_s|p50_ms|p99_ms|max_ms|errors)' "$tmp/run.txt" | tr '\n' ' '; echo
  echo "   acknowledged $ok, runs committed $committed, counted by scripto_reports_total $counted, last status differs $differ: $verdict"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; } # user + system, in clock ticks

refresh_ids() { # the ids file of a v1 mode with each script's stored status, so the first report flips it
  local mode=$1
  helper statuses "$db" | LC_ALL=C sort -k1,1 >"$tmp/statuses.txt"
  LC_ALL=C join -o 1.1,1.2,1.3,2.2 <(LC_ALL=C sort -k1,1 "$tmp/ids-$mode.names") "$tmp/statuses.txt" >"$tmp/ids-$mode.txt"
}

export BENCH_DIR="$bench_dir" BENCH_KEY="$key" BENCH_THREADS="$THREADS"
IFS=, read -ra modes <<<"$MODES"
for mode in "${modes[@]}"; do
  case $mode in
    hot)
      echo "== creating the hot script"
      helper create "$base" "$key" bench-hot 1 >"$tmp/ids-hot.names"
      export BENCH_IDS_FILE="$tmp/ids-hot.txt" BENCH_EXPECTED_FILE=
      for c in $CONNECTIONS; do measure hot "$c" "$bench_dir/v1-report.lua"; done ;;
    spread)
      echo "== creating $SPREAD_SCRIPTS scripts"
      helper create "$base" "$key" bench-spread "$SPREAD_SCRIPTS" >"$tmp/ids-spread.names"
      export BENCH_IDS_FILE="$tmp/ids-spread.txt" BENCH_EXPECTED_FILE="$tmp/expected.txt"
      for c in $CONNECTIONS; do measure spread "$c" "$bench_dir/v1-report.lua"; done ;;
    v2)
      echo "== creating $V2_SCRIPTS scripts to ping by name"
      curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $key" "$base/api/v2/ping/bench-v2-1.sh?server=bench"
      helper seed-v2 "$db" "$V2_SCRIPTS"
      export BENCH_V2_SCRIPTS="$V2_SCRIPTS"
      for c in $CONNECTIONS; do measure v2 "$c" "$bench_dir/v2-ping.lua"; done ;;
    *) echo "bench: unknown mode '$mode' (hot, spread, v2)" >&2; exit 1 ;;
  esac
done

stop_pid "$server_pid"; server_pid= # the ceiling is measured alone, as before the run
ceiling_after=$(ceiling)
ceiling_mean=$(( (ceiling_before + ceiling_after) / 2 ))

log_lines=$(grep -c . "$tmp/server.log" || true)
if [[ $log_lines -gt 0 ]]; then
  echo "== server log ($log_lines lines, warnings and errors only; last 10, cut at 240 characters)"
  tail -n 10 "$tmp/server.log" | cut -c1-240
fi

echo
echo "ceiling.json_put_rps before|after|mean: $ceiling_before|$ceiling_after|$ceiling_mean (wrk -t2 -c16, $CEILING_SECONDS s)"
printf '%-7s %5s %10s %8s %8s %8s %7s %10s  %s\n' mode conns reports/s ratio p50_ms p99_ms errors cpu_ms/rep "acknowledged reports stored; longest checkpoint stall of the writer"
while read -r mode conns rps p50 p99 errors ok committed counted differ verdict stall cpu_ms; do
  ratio=$(awk -v r="$rps" -v c="$ceiling_mean" 'BEGIN { printf "%.3f", r / c }')
  stall_ms=$(awk -v s="$stall" 'BEGIN { printf "%.1f", s * 1000 }')
  printf '%-7s %5s %10s %8s %8s %8s %7s %10s  %s (%s acknowledged, %s committed, %s counted); stall %s ms\n' \
    "$mode" "$conns" "$rps" "$ratio" "$p50" "$p99" "$errors" "$cpu_ms" "$verdict" "$ok" "$committed" "$counted" "$stall_ms"
done <"$results"
echo "ratio = reports/s / the mean ceiling.json_put_rps of this run (measured at 16 connections, also for the 64 rows)"
echo "cpu_ms/rep = CPU time the server used during the run (user + system, /proc) / reports committed"
if [[ $failed -ne 0 ]]; then
  echo "bench: FAILED: a report acknowledged was not stored" >&2
  exit 1
fi
