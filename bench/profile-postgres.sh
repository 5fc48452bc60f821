#!/usr/bin/env bash
# Profiles the write path on PostgreSQL: the bench's throwaway cluster (fsync on, pg_stat_statements loaded for this
# run) and one node of the published app (APP_DIR, else published here), the hot script (or SCRIPTS of them) at CONNS
# connections for WARMUP s, then DURATION s measured. Prints the node's and the cluster's CPU per report, the
# statements per report (calls, plans, ms), and the node's CPU by layer (dotnet-trace, bench/cpu-layers.py).
# PERF=1 adds a system-wide perf record (by command and library). OUT=<prefix> keeps the speedscope trace (and perf data).
# Usage: APP_DIR=/tmp/app bash bench/profile-postgres.sh. See bench/README.md, "PostgreSQL write path".
set -euo pipefail
CONNS=${CONNS:-16}; DURATION=${DURATION:-8}; SCRIPTS=${SCRIPTS:-1}; NODES=1
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
source "$bench_dir/scripto-server.sh"
source "$bench_dir/postgres-nodes.sh"
tmp=$(mktemp -d -t scripto-pgprofile.XXXXXX)
trap 'stop_nodes; stop_postgres; rm -rf "$tmp"' EXIT
key="bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export Security__ApiKeys__0__Name=bench Security__ApiKeys__0__Key="$key" Security__ApiKeys__0__Scopes="report,read"
start_postgres
as_postgres=(runuser -u postgres --); [[ $(id -u) -eq 0 ]] || as_postgres=(sudo -u postgres --)
"${as_postgres[@]}" /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 -m fast restart \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c pg_stat_statements.track_planning=on" >/dev/null
pg -c "CREATE EXTENSION pg_stat_statements" >/dev/null
start_nodes
server_pid=${node_pids[0]} base=${node_bases[0]}
python3 "$bench_dir/write-throughput.py" create "$base" "$key" bench-profile "$SCRIPTS" >"$tmp/ids.txt"
export BENCH_DIR="$bench_dir" BENCH_KEY="$key" BENCH_THREADS=2 BENCH_IDS_FILE="$tmp/ids.txt" BENCH_EXPECTED_FILE=
(cd "$repo" && dotnet tool restore >/dev/null)
wrk -t2 -c"$CONNS" -d"${WARMUP:-30}s" -s "$bench_dir/v1-report.lua" "$base" >/dev/null # JIT tiering settles
pg -c "SELECT pg_stat_statements_reset()" >/dev/null
runs_before=$(pg -c "SELECT coalesce(max(id), 0) FROM runs")
(cd "$repo" && dotnet dotnet-trace collect -p "$server_pid" --profile dotnet-sampled-thread-time \
  --duration "00:00:00:$(printf %02d "$DURATION")" -o "$tmp/write.nettrace" >"$tmp/trace.log" 2>&1) &
tracer=$!
if [[ -n ${PERF:-} ]]; then perf record -F 499 -g -a -o "$tmp/perf.data" -- sleep "$DURATION" >/dev/null 2>&1 & perf_pid=$!; fi
cpu_before=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat"); pg_before=$(pg_cpu_ticks)
wrk -t2 -c"$CONNS" -d"$((DURATION + 2))s" --latency -s "$bench_dir/v1-report.lua" "$base" | grep -E '^bench\.(ok_per_s|p50_ms|p99_ms)' | tr '\n' ' '
sleep 0.5
cpu_after=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat"); pg_after=$(pg_cpu_ticks)
n=$(pg -c "SELECT count(*) FROM runs WHERE id > $runs_before")
per_report() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$n" 'BEGIN { printf "%.3f", t * 1000 / hz / n }'; }
echo; echo "reports $n, load $(cut -d' ' -f1-3 /proc/loadavg); Scripto cpu_ms/rep $(per_report $((cpu_after - cpu_before))), PostgreSQL pg_ms/rep $(per_report $((pg_after - pg_before)))"
echo "-- statements per report: calls | plans | ms (planning + execution) | statement"
pg -F ' | ' -c "SELECT round(calls::numeric / $n, 3), round(plans::numeric / $n, 3), round((total_exec_time + total_plan_time)::numeric / $n, 4),
                left(regexp_replace(query, '\s+', ' ', 'g'), 140) FROM pg_stat_statements ORDER BY calls DESC LIMIT 25"
wait "$tracer"
(cd "$repo" && dotnet dotnet-trace convert "$tmp/write.nettrace" --format speedscope -o "$tmp/write" >/dev/null)
python3 "$bench_dir/cpu-layers.py" "$tmp/write.speedscope.json" 20
[[ -z ${OUT:-} ]] || cp "$tmp/write.speedscope.json" "$OUT.speedscope.json"
if [[ -n ${PERF:-} ]]; then
  wait "$perf_pid" || true
  perf report -i "$tmp/perf.data" --no-children --sort comm,dso -q -g none 2>/dev/null | head -20
  [[ -z ${OUT:-} ]] || cp "$tmp/perf.data" "$OUT.perf.data"
fi
true
