#!/usr/bin/env bash
# Dashboard benchmark: live latency of a report to an open dashboard under load, first render and re-sort with
# 100,000 scripts, and the server's memory per open dashboard, measured in Debian's Chromium. See bench/README.md.
#
# Environment:
#   SCRIPTS        scripts created over the API for the live and memory runs   (default 200)
#   SCALE_SCRIPTS  scripts in the database for the scale run                  (default 100000)
#   LIVE_SAMPLES   reports whose arrival on the page is timed                 (default 200)
#   LOAD_RATE      background reports/s during the live run                   (default 500)
#   MEMORY_PAGES   dashboards open for the memory run                         (default 20)
#   MEMORY_WARMUP_PAGES  dashboards opened (5 at a time) and closed before it (default 40)
#   MEMORY_HOLD_S  diagnostic: seconds the memory run keeps its pages open after measuring, for a heap dump (default 0)
#   RENDER_REPEATS measured first renders                                     (default 5)
#   SCALE_TRACE    diagnostic: a file for Chromium's trace (DevTools timeline) of the last measured first render
#   SCALE_TRACE_CPU=1  diagnostic: that trace with V8's sampling profiler (bench/dashboard-trace-profile.py reads it)
#   SCALE_TRACE_INVALIDATIONS=1  diagnostic: that trace with Chromium's style and layout invalidation tracking
#                  (which node and why each recalculation was asked for; bench/dashboard-trace-invalidations.py reads it)
#   PHASES         which measurements, comma-separated: memory, live, scale, soak (default memory,live,scale)
#   LIVE_WITHOUT_ANIMATIONS=1  diagnostic: the live run with CSS animations off in the page
#   MEMORY_PATH    diagnostic: the page the memory run opens, e.g. '/?q=nomatch' for a grid without rows (default /)
#   BENCH_TIMEOUT  seconds before the whole measurement is stopped            (default 900)
#   CEILING=0      skip ../shared/calibration/ceiling.sh (run first, printed beside the figures)
#   SERVER_LOG     if set, the server's log is copied there at the end (e.g. with
#                  'Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information'
#                  in the environment, to see each SQL query and its time)
# Arguments, if any, are passed on to the benchmark program (bench/soak.sh passes the soak's settings this way).
set -euo pipefail

SCRIPTS=${SCRIPTS:-200}
SCALE_SCRIPTS=${SCALE_SCRIPTS:-100000}
LIVE_SAMPLES=${LIVE_SAMPLES:-200}
LOAD_RATE=${LOAD_RATE:-500}
MEMORY_PAGES=${MEMORY_PAGES:-20}
MEMORY_WARMUP_PAGES=${MEMORY_WARMUP_PAGES:-40}
MEMORY_HOLD_S=${MEMORY_HOLD_S:-0}
RENDER_REPEATS=${RENDER_REPEATS:-5}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-900}
PHASES=${PHASES:-memory,live,scale}
LIVE_WITHOUT_ANIMATIONS=${LIVE_WITHOUT_ANIMATIONS:-0}
MEMORY_PATH=${MEMORY_PATH:-/}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench_dir/scripto-server.sh"
repo=$(cd "$bench_dir/.." && pwd)
chromium=/usr/bin/chromium

for tool in curl python3 dotnet timeout; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is required" >&2; exit 1; }
done
[[ -x $chromium ]] || { echo "bench: $chromium is required (Debian's chromium package)" >&2; exit 1; }

tmp=$(mktemp -d -t scripto-dashboard-bench.XXXXXX)
server_pid=
bench_pid=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n $bench_pid ]] && kill -0 "$bench_pid" 2>/dev/null; then
    # timeout(1) passes the TERM on to the bench, which closes its browser; what is left of timeout's process group
    # (the bench, Playwright's node driver) is killed after 10 s.
    kill -TERM "$bench_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$bench_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  # Chromium runs in its own process group; the bench wrote down its pids. End those still there (and still Chromium).
  if [[ -s $tmp/chromium.pids ]]; then
    while read -r pid; do
      [[ $pid =~ ^[0-9]+$ ]] || continue
      if grep -qi chrom "/proc/$pid/comm" 2>/dev/null; then
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      fi
    done <"$tmp/chromium.pids"
  fi
  stop_scripto "$status"
  if [[ -n ${SERVER_LOG:-} && -f $tmp/server.log ]]; then cp "$tmp/server.log" "$SERVER_LOG" || true; fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== building the benchmark (bench/dashboard, Release)"
if ! (cd "$repo" && timeout 600 dotnet publish bench/dashboard/Scripto.Bench.Dashboard.csproj -c Release -o "$tmp/bench" --nologo -v minimal >"$tmp/bench-build.log" 2>&1); then
  cat "$tmp/bench-build.log" >&2
  exit 1
fi

# The machine's HTTP ceiling right now (shared/calibration/ceiling.sh), measured before the app runs so it does not
# compete with it: the figures below are taken beside it, on a machine whose speed moves from hour to hour.
ceiling_script=${CEILING_SH:-$repo/../shared/calibration/ceiling.sh}
ceiling_line="ceiling: not measured ($ceiling_script not found)"
[[ ${CEILING:-1} == 0 ]] && ceiling_line="ceiling: not measured (CEILING=0)"
if [[ ${CEILING:-1} != 0 && -x $ceiling_script ]]; then
  echo "== this machine's HTTP ceiling ($ceiling_script)"
  if ceiling_out=$("$ceiling_script" 2>&1); then
    echo "$ceiling_out" | tail -n 2
    ceiling_line="ceiling (same run): $(echo "$ceiling_out" | awk '/^ceiling\./ {printf "%s%s %s", sep, $1, $2; sep=", "}')"
  else
    ceiling_line="ceiling: failed to run"
  fi
fi

start_scripto

echo "== running the benchmark (stopped after $BENCH_TIMEOUT s)"
# No proxy for loopback, whatever the environment says.
NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost \
  timeout --kill-after=20 "$BENCH_TIMEOUT" dotnet "$tmp/bench/Scripto.Bench.Dashboard.dll" \
  --base-url "$base" --server-pid "$server_pid" --db "$tmp/bench.db" --chromium-pids "$tmp/chromium.pids" \
  --scripts "$SCRIPTS" --scale-scripts "$SCALE_SCRIPTS" --live-samples "$LIVE_SAMPLES" --load-rate "$LOAD_RATE" \
  --ceiling "$ceiling_line" --memory-pages "$MEMORY_PAGES" --memory-warmup-pages "$MEMORY_WARMUP_PAGES" --memory-hold-s "$MEMORY_HOLD_S" --render-repeats "$RENDER_REPEATS" --phases "$PHASES" --live-without-animations "$LIVE_WITHOUT_ANIMATIONS" --memory-path "$MEMORY_PATH" --deadline-s "$((BENCH_TIMEOUT > 90 ? BENCH_TIMEOUT - 30 : 60))" "$@" </dev/null &
bench_pid=$!
bench_status=0
wait "$bench_pid" || bench_status=$?
bench_pid=

log_lines=$(grep -c . "$tmp/server.log" || true)
if [[ $log_lines -gt 0 ]]; then
  echo "== server log ($log_lines lines, warnings and errors only; last 20)"
  tail -n 20 "$tmp/server.log"
fi

if [[ $bench_status -ne 0 ]]; then
  echo "bench: the benchmark failed (exit $bench_status)" >&2
  exit "$bench_status"
fi
