#!/usr/bin/env bash
# Write-path throughput of Scripto: how many status reports (PUT /api/v1/script/{id}) per second the published
# app acknowledges, i.e. commits to SQLite before answering 2xx. See bench/README.md.
#
# Environment:
#   DURATION     seconds of the measured run            (default 10)
#   CONNECTIONS  open connections (wrk -c)              (default 16)
#   THREADS      wrk threads (wrk -t)                   (default 2)
#   SCRIPTS      scripts created and updated in turn    (default 200)
#   WARMUP       seconds of warm-up before the run      (default 3)
set -euo pipefail

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
SCRIPTS=${SCRIPTS:-200}
WARMUP=${WARMUP:-3}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench_dir/scripto-server.sh"
repo=$(cd "$bench_dir/.." && pwd)

need=(); command -v wrk >/dev/null || need+=(wrk); command -v jq >/dev/null || need+=(jq)
if [[ ${#need[@]} -gt 0 ]]; then apt-get update -q && apt-get install -y -q -o DPkg::Lock::Timeout=600 "${need[@]}"; fi
for tool in curl jq python3 dotnet; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is required" >&2; exit 1; }
done

tmp=$(mktemp -d -t scripto-bench.XXXXXX)
server_pid=
cleanup() {
  local status=$?
  stop_scripto "$status"
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_scripto

echo "== creating $SCRIPTS scripts"
for n in $(seq "$SCRIPTS"); do
  # No status yet: after the run every script must hold one, i.e. reports to it were stored.
  code=$(curl -sS -o "$tmp/created.json" -w '%{http_code}' -X POST "$base/api/v1/script" \
    -H 'Content-Type: application/json' --data "{\"name\":\"bench-$n.sh\",\"server\":\"bench\"}")
  if [[ $code != 201 ]]; then
    echo "bench: creating script $n answered $code: $(cat "$tmp/created.json")" >&2
    exit 1
  fi
done

# Writes "<id> <status>" lines (status 0, 1 or null) for every script, as stored.
snapshot() {
  curl -fsS "$base/api/v1/script?results_per_page=1000" >"$tmp/list.json"
  jq -r '.objects[] | "\(.id) \(if .status == null then "null" elif .status then 1 else 0 end)"' "$tmp/list.json" >"$1"
}

run_wrk() { # seconds, output file
  snapshot "$tmp/ids.txt"
  BENCH_IDS_FILE="$tmp/ids.txt" BENCH_THREADS="$THREADS" BENCH_EXPECTED_FILE="$tmp/expected.txt" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${1}s" --latency -s "$bench_dir/put-status.lua" "$base" >"$2" 2>&1 || {
      cat "$2" >&2
      echo "bench: wrk failed" >&2
      exit 1
    }
}

echo "== warming up for $WARMUP s"
run_wrk "$WARMUP" "$tmp/warmup.txt"
sleep 0.5 # let the last in-flight reports of the warm-up commit before the ids are read again

echo "== measuring: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
run_wrk "$DURATION" "$tmp/run.txt"
cat "$tmp/run.txt"

figure() { awk -v key="bench.$1" '$1 == key { print $2; found = 1 } END { if (!found) exit 1 }' "$tmp/run.txt"; }

echo "== checking what was stored"
sleep 0.5
snapshot "$tmp/stored.txt"
stored=$(wc -l <"$tmp/stored.txt")
nulls=$(awk '$2 == "null"' "$tmp/stored.txt" | wc -l)
# The last status sent to each id, against the one stored. A report wrk sent just as the run stopped may be
# dropped with its connection, so a few differences (at most one per connection) are not a lost write.
differ=$(LC_ALL=C join <(LC_ALL=C sort -k1,1 "$tmp/expected.txt") <(LC_ALL=C sort -k1,1 "$tmp/stored.txt") | awk '$2 != $3' | wc -l)
echo "scripts stored: $stored (created $SCRIPTS), without a status: $nulls, last status sent != stored: $differ"

log_lines=$(grep -c . "$tmp/server.log" || true)
if [[ $log_lines -gt 0 ]]; then
  echo "== server log ($log_lines lines, warnings and errors only; last 20)"
  tail -n 20 "$tmp/server.log"
fi

echo
echo "reports/s: $(figure ok_per_s)"
echo "p50 latency ms: $(figure p50_ms)"
echo "p99 latency ms: $(figure p99_ms)"
echo "errors: $(figure errors)"
echo "connections: $CONNECTIONS, duration: $DURATION s"

if [[ $stored -ne $SCRIPTS || $nulls -ne 0 || $differ -gt $CONNECTIONS ]]; then
  echo "bench: FAILED: the stored scripts do not match the reports acknowledged" >&2
  exit 1
fi
