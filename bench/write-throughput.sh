#!/usr/bin/env bash
# Write-path throughput of Scripto, beside this machine's HTTP ceiling measured in the same run: v1 reports to one
# hot script, v1 reports spread over 1,000 scripts, v2 pings by name on 100,000 scripts; each at 16 and 64
# connections, with p50/p99 (wrk's, and the server's own from scripto_report_duration_seconds with the share of
# reports over 10 ms), errors, a check that every acknowledged report is stored, and the longest stall of the
# writer caused by a checkpoint. The app runs with its shipped settings and reports with an API key. See bench/README.md.
#
# Environment:
#   MODES            which modes, comma-separated: hot, spread, v2, cross   (default hot,spread,v2; with NODES=2 also cross)
#   CONNECTIONS      connection counts, space-separated (wrk -c)            (default "16 64")
#   DURATION         seconds of each measured run                           (default 10)
#   WARMUP           seconds of warm-up before each measured run            (default 3)
#   FIRST_WARMUP     seconds of warm-up before the first one (JIT tiering)  (default 40)
#   MODE_WARMUP      seconds before the first run of each later mode        (default 15)
#   THREADS          wrk threads (wrk -t)                                   (default 2)
#   SPREAD_SCRIPTS   scripts of the spread                                  (default 1000)
#   V2_SCRIPTS       scripts pinged by name                                 (default 100000)
#   CEILING_SECONDS  seconds of each ceiling measurement                    (default 8)
#   UNSTORED         1: a build that stores less than it acknowledges, on purpose (the upper bounds' variants,
#                    bench/README.md "Thirteenth pass"): CPU per report is divided by the reports acknowledged, not
#                    committed, and the stored check is printed but fails nothing (default 0)
#   SERVER_LOG       if set, the server's log is copied there at the end
#   APP_DIR          run the app published there instead of publishing this tree (A/B comparisons)
#   PROVIDER         sqlite (default) or postgres: a throwaway PostgreSQL cluster started for the run
#                    (Scripto.Tests/Shared/postgres-cluster.sh, fsync on: see PG_DURABLE) and stopped at the end
#   NODES            Scripto processes on that one database (postgres only; default 1). With 2, each node gets its own
#                    wrk at half the connections (the spread's scripts split between them), and the mode "cross" times
#                    the live latency across nodes: a report on A until B's dashboard shows it (headless Chromium)
#   PG_DURABLE       1 (default): fsync, synchronous_commit, full_page_writes on, as PostgreSQL ships; 0: off (the tests')
#   CROSS_PROBES     probes timed by the mode "cross", one after the other  (default 200)
#   CROSS_SECONDS    or fewer, if they take longer than this               (default 180)
#   CROSS_RATE       its background load, reports/s over both nodes        (default 500)
#   CROSS_SCRIPTS    scripts of that load                                   (default 200)
#
#   bench/write-throughput.sh                                    SQLite, one process
#   PROVIDER=postgres bench/write-throughput.sh                  PostgreSQL, one node
#   PROVIDER=postgres NODES=2 bench/write-throughput.sh          PostgreSQL, two nodes (modes hot,spread,v2,cross)
set -euo pipefail

CONNECTIONS=${CONNECTIONS:-16 64}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
FIRST_WARMUP=${FIRST_WARMUP:-40}
MODE_WARMUP=${MODE_WARMUP:-15}
THREADS=${THREADS:-2}
SPREAD_SCRIPTS=${SPREAD_SCRIPTS:-1000}
V2_SCRIPTS=${V2_SCRIPTS:-100000}
CEILING_SECONDS=${CEILING_SECONDS:-8}
UNSTORED=${UNSTORED:-0}
PROVIDER=${PROVIDER:-sqlite}
NODES=${NODES:-1}
CROSS_PROBES=${CROSS_PROBES:-200}
CROSS_SECONDS=${CROSS_SECONDS:-180}
CROSS_RATE=${CROSS_RATE:-500}
CROSS_SCRIPTS=${CROSS_SCRIPTS:-200}
case $PROVIDER in
  sqlite) [[ $NODES == 1 ]] || { echo "bench: NODES=$NODES needs PROVIDER=postgres (SQLite refuses a second process)" >&2; exit 1; } ;;
  postgres) [[ $NODES =~ ^[1-9]$ ]] || { echo "bench: NODES must be 1-9, not '$NODES'" >&2; exit 1; } ;;
  *) echo "bench: PROVIDER is sqlite or postgres, not '$PROVIDER'" >&2; exit 1 ;;
esac
if [[ -z ${MODES:-} && $NODES -gt 1 ]]; then MODES=hot,spread,v2,cross; fi
MODES=${MODES:-hot,spread,v2}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench_dir/scripto-server.sh"
source "$bench_dir/postgres-nodes.sh"
repo=$(cd "$bench_dir/.." && pwd)
ceiling_sh="$repo/../shared/calibration/ceiling.sh"
[[ -x $ceiling_sh ]] || ceiling_sh=/work/shared/calibration/ceiling.sh
[[ -f $ceiling_sh ]] || { echo "bench: ../shared/calibration/ceiling.sh not found" >&2; exit 1; }

need=(); command -v wrk >/dev/null || need+=(wrk); command -v jq >/dev/null || need+=(jq)
if [[ $PROVIDER == postgres ]]; then command -v psql >/dev/null && [[ -x /usr/lib/postgresql/15/bin/initdb ]] || need+=(postgresql); fi
if [[ ${#need[@]} -gt 0 ]]; then apt-get update -q && apt-get install -y -q -o DPkg::Lock::Timeout=600 "${need[@]}"; fi
for tool in curl jq python3 dotnet wrk; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is required" >&2; exit 1; }
done
if [[ ,$MODES, == *,cross,* ]]; then
  (( NODES >= 2 )) || { echo "bench: the mode cross needs NODES=2 (PROVIDER=postgres)" >&2; exit 1; }
  # Playwright's own node and package: the tests' build output, else the NuGet cache of the version the tests pin.
  playwright=$repo/Scripto.Tests/bin/Debug/net10.0/.playwright
  if [[ ! -x $playwright/node/linux-x64/node ]]; then
    version=$(sed -nE 's/.*Include="Microsoft.Playwright" Version="([^"]+)".*/\1/p' "$repo/Directory.Packages.props")
    playwright=${NUGET_PACKAGES:-$HOME/.nuget/packages}/microsoft.playwright/$version/.playwright
  fi
  [[ -x $playwright/node/linux-x64/node ]] || { echo "bench: Playwright's node not found (build Scripto.Tests once)" >&2; exit 1; }
  [[ -x /usr/bin/chromium ]] || { echo "bench: /usr/bin/chromium is required (Debian's chromium package)" >&2; exit 1; }
fi

tmp=$(mktemp -d -t scripto-bench.XXXXXX)
server_pid= node_pids=() node_bases=() pg_dir= probe_pid=
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n $probe_pid ]] && kill -0 "$probe_pid" 2>/dev/null; then stop_pid "$probe_pid"; fi
  # Chromium runs in process groups of its own; the probe wrote down its pids. End those still there (and still Chromium).
  if [[ -s $tmp/chromium.pids ]]; then
    while read -r pid; do
      [[ $pid =~ ^[0-9]+$ ]] && grep -qi chrom "/proc/$pid/comm" 2>/dev/null || continue
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    done <"$tmp/chromium.pids"
  fi
  if [[ -n ${SERVER_LOG:-} ]]; then
    if [[ $PROVIDER == sqlite ]]; then [[ -f $tmp/server.log ]] && cp "$tmp/server.log" "$SERVER_LOG"
    else cat "$tmp"/server-*.log >"$SERVER_LOG" 2>/dev/null || true; fi
  fi
  if [[ $PROVIDER == postgres ]]; then
    stop_nodes
    if [[ $status -ne 0 ]]; then
      for log in "$tmp"/server-*.log; do [[ -s $log ]] && { echo "bench: failed; last lines of $(basename "$log"):" >&2; tail -n 20 "$log" >&2; }; done
    fi
    stop_postgres
  else
    stop_scripto "$status"
  fi
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
if [[ $PROVIDER == postgres ]]; then
  start_postgres
  start_nodes
  server_pid=${node_pids[0]} base=${node_bases[0]}
else
  start_scripto
  node_pids=("$server_pid") node_bases=("$base")
fi
db="$tmp/bench.db"

code=$(curl -sS -o /dev/null -w '%{http_code}' -X PUT "$base/api/v1/script/1" -H 'Authorization: Bearer bench_wrong_key_0000000000' \
  -H 'Content-Type: application/json' --data '{"status":1}')
[[ $code == 401 ]] || { echo "bench: a wrong key was answered $code, not 401: keys are not checked" >&2; exit 1; }

# What the database holds, on either provider.
runs_mark() { # a mark to count the runs committed after it
  if [[ $PROVIDER == sqlite ]]; then helper runs "$db"; else pg -c "SELECT coalesce(max(id), 0) FROM runs"; fi
}
runs_since() { # MARK: the runs committed since (SQLite: the AUTOINCREMENT counter; PostgreSQL: the rows, Runs:Keep raised)
  if [[ $PROVIDER == sqlite ]]; then echo $(( $(helper runs "$db") - $1 )); else pg -c "SELECT count(*) FROM runs WHERE id > $1"; fi
}
statuses() { # "id 0|1|null" per script
  if [[ $PROVIDER == sqlite ]]; then helper statuses "$db"
  else pg -F ' ' -c "SELECT id, CASE WHEN status IS NULL THEN 'null' WHEN status THEN '1' ELSE '0' END FROM scripts"; fi
}
seed_v2() { # COUNT: copies bench-v2-1.sh (made by a ping) to bench-v2-2.sh ..
  if [[ $PROVIDER == sqlite ]]; then helper seed-v2 "$db" "$1"; return; fi
  local cols
  cols=$(pg -c "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'scripts' AND column_name NOT IN ('id', 'name')")
  pg -c "INSERT INTO scripts (name, $cols) SELECT 'bench-v2-' || n || '.sh', $cols FROM generate_series(2, $1) n, scripts
         WHERE id = (SELECT id FROM scripts WHERE name = 'bench-v2-1.sh' LIMIT 1)" >/dev/null
}

metric() { # node base URL, name with labels as printed, e.g. 'scripto_reports_total{api="v1",outcome="accepted"}'; 0 when absent
  curl -fsS -H "Authorization: Bearer $key" "$1/metrics" >"$tmp/metrics.txt"
  awk -v name="$2" 'index($0, name " ") == 1 { v = $NF } END { print (v == "" ? 0 : v) }' "$tmp/metrics.txt"
}
scrape_all() { # PREFIX: each node's /metrics into PREFIX.<i>
  local i
  for ((i = 0; i < NODES; i++)); do curl -fsS -H "Authorization: Bearer $key" -o "$1.$i" "${node_bases[$i]}/metrics"; done
}
accepted() { # over every node
  local node_base sum=0
  for node_base in "${node_bases[@]}"; do
    sum=$(( sum + $(metric "$node_base" 'scripto_reports_total{api="v1",outcome="accepted"}' | cut -d. -f1) \
              + $(metric "$node_base" 'scripto_reports_total{api="v2",outcome="accepted"}' | cut -d. -f1) ))
  done
  echo "$sum"
}

results="$tmp/results.txt"
: >"$results"
failed=0

# wrk against every node at once, each with its share of the connections and (the spread) of the scripts; the figures
# are combined into $tmp/run.txt: 2xx and errors summed, p50/p99/max the worst node's.
run_wrk() { # seconds, connections, lua script, output file, extra wrk arguments
  local seconds=$1 conns=$2 lua=$3 out=$4 i pids=()
  shift 4
  if (( NODES == 1 )); then
    wrk -t"$THREADS" -c"$conns" -d"${seconds}s" "$@" -s "$lua" "$base" >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
    return
  fi
  for ((i = 0; i < NODES; i++)); do
    BENCH_IDS_FILE=${BENCH_IDS_FILE:+$BENCH_IDS_FILE.$i} BENCH_EXPECTED_FILE=${BENCH_EXPECTED_FILE:+$BENCH_EXPECTED_FILE.$i} \
      wrk -t"$THREADS" -c$((conns / NODES)) -d"${seconds}s" "$@" -s "$lua" "${node_bases[$i]}" >"$out.$i" 2>&1 &
    pids+=($!)
  done
  for ((i = 0; i < NODES; i++)); do wait "${pids[$i]}" || { cat "$out.$i" >&2; exit 1; }; done
  [[ -z ${BENCH_EXPECTED_FILE:-} ]] || cat "$BENCH_EXPECTED_FILE".[0-9] >"$BENCH_EXPECTED_FILE"
  awk '$1 ~ /^bench\./ {
         k = $1; v = $2 + 0
         if (k ~ /_ms$/) { if (v > m[k]) m[k] = v } else if (k ~ /^bench\.(ok|ok_per_s|errors|requests)$/) m[k] += v
       }
       END { for (k in m) printf "%s %s\n", k, (k ~ /_ms$/ ? sprintf("%.2f", m[k]) : sprintf("%.0f", m[k])) }' "$out".[0-9] >"$out"
}

# One measured run: warm-up, run, then the check that every report acknowledged (2xx) was committed.
measure() { # mode, connections, lua script
  local mode=$1 conns=$2 lua=$3 warmup=$WARMUP
  # The first run waits for the JIT's tiered code: after 8 s of load the tiering thread still took 22 % of the
  # server's CPU and hot 16c measured 1.17 ms of CPU per report; after 40 s, 3.8 % and 0.31 ms (bench/README.md).
  # The first run of a later mode warms its own endpoint and queries a while too.
  if [[ ! -s $results ]]; then warmup=$FIRST_WARMUP
  elif ! grep -q "^$mode " "$results"; then warmup=$MODE_WARMUP; fi
  echo "== $mode: warm-up $warmup s, then wrk -t$THREADS -c$conns -d${DURATION}s$( ((NODES > 1)) && echo " (-c$((conns / NODES)) on each of $NODES nodes)")"
  [[ $mode == v2 ]] || refresh_ids "$mode"
  run_wrk "$warmup" "$conns" "$lua" "$tmp/warmup.txt"
  sleep 0.3
  [[ $mode == v2 ]] || refresh_ids "$mode"
  local runs_before accepted_before cpu_before pg_before
  runs_before=$(runs_mark); accepted_before=$(accepted); cpu_before=$(cpu_ticks); pg_before=$(db_cpu_ticks)
  scrape_all "$tmp/latency-before"
  run_wrk "$DURATION" "$conns" "$lua" "$tmp/run.txt" --latency
  sleep 0.5 # reports still in flight when wrk stopped are committed (and counted) after it
  local cpu_after pg_after committed accepted_after
  cpu_after=$(cpu_ticks); pg_after=$(db_cpu_ticks); committed=$(runs_since "$runs_before"); accepted_after=$(accepted)
  # The server's own time for each accepted report, arrival to acknowledgement (its histogram over the run): wrk's
  # timestamps also hold wrk's own wait for a core it shares with the server.
  scrape_all "$tmp/latency-after"
  local server_count srv_p50 srv_p99 over10
  read -r server_count srv_p50 srv_p99 over10 < <(helper server-latency "$tmp"/latency-before.* -- "$tmp"/latency-after.*)
  figure() { awk -v key="bench.$1" '$1 == key { print $2 }' "$tmp/run.txt"; }
  local ok rps p50 p99 errors counted stall lost differ=0
  ok=$(figure ok); rps=$(figure ok_per_s); p50=$(figure p50_ms); p99=$(figure p99_ms); errors=$(figure errors)
  counted=$((accepted_after - accepted_before))
  # Reports sent just as wrk stopped may be committed without wrk counting their answer: at most one per connection.
  lost=$(( ok > committed ? ok - committed : 0 ))
  if [[ $mode == spread ]]; then
    statuses >"$tmp/stored.txt"
    differ=$(LC_ALL=C join <(LC_ALL=C sort -k1,1 "$tmp/expected.txt") <(LC_ALL=C sort -k1,1 "$tmp/stored.txt") | awk '$2 != $3' | wc -l)
  fi
  if [[ $PROVIDER == sqlite ]]; then stall=$(metric "$base" scripto_writer_longest_checkpoint_stall_seconds); else stall=-; fi
  # CPU the server(s) spent per report: unlike reports/s, it barely moves when other work shares the machine.
  local cpu_ms pg_ms=-
  local per=$committed
  (( UNSTORED == 0 )) || per=$ok
  per_report() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$per" 'BEGIN { printf "%.3f", (n > 0 ? t * 1000 / hz / n : 0) }'; }
  cpu_ms=$(per_report $((cpu_after - cpu_before)))
  [[ $PROVIDER == sqlite ]] || pg_ms=$(per_report $((pg_after - pg_before)))
  local verdict=stored
  # wrk gives up on a request after 2 s (a timeout error) and may do so after it was committed: more committed than
  # acknowledged, never fewer, is the check.
  if (( lost > 0 || differ > conns )); then
    if (( UNSTORED == 1 )); then verdict=unstored; else verdict=LOST; failed=1; fi
  fi
  printf '%s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s\n' "$mode" "$conns" "$rps" "$p50" "$p99" "$errors" "$ok" "$committed" "$counted" \
    "$differ" "$verdict" "$stall" "$cpu_ms" "$pg_ms" "$srv_p50" "$srv_p99" "$over10" >>"$results"
  grep -E '^bench\.(ok_per_s|p50_ms|p99_ms|max_ms|errors) ' "$tmp/run.txt" | tr '\n' ' '; echo
  echo "   acknowledged $ok, runs committed $committed, counted by scripto_reports_total $counted, last status differs $differ: $verdict"
  echo "   on the server's side (scripto_report_duration_seconds, $server_count reports): p50 $srv_p50 ms, p99 $srv_p99 ms, over 10 ms $over10 %"
}

cpu_ticks() { # user + system of every node, in clock ticks
  local pid sum=0
  for pid in "${node_pids[@]}"; do sum=$(( sum + $(awk '{ print $14 + $15 }' "/proc/$pid/stat") )); done
  echo "$sum"
}
db_cpu_ticks() { if [[ $PROVIDER == postgres ]]; then pg_cpu_ticks; else echo 0; fi; }

refresh_ids() { # the ids file of a v1 mode with each script's stored status, so the first report flips it
  local mode=$1 i
  statuses | LC_ALL=C sort -k1,1 >"$tmp/statuses.txt"
  LC_ALL=C join -o 1.1,1.2,1.3,2.2 <(LC_ALL=C sort -k1,1 "$tmp/ids-$mode.names") "$tmp/statuses.txt" >"$tmp/ids-$mode.txt"
  # Several nodes: the hot script is every node's; the spread's scripts are split, each reported to one node only,
  # so that its last status sent is known.
  for ((i = 0; i < NODES && NODES > 1; i++)); do
    if [[ $mode == hot ]]; then cp "$tmp/ids-$mode.txt" "$tmp/ids-$mode.txt.$i"
    else awk -v n="$NODES" -v i="$i" '(NR - 1) % n == i' "$tmp/ids-$mode.txt" >"$tmp/ids-$mode.txt.$i"; fi
  done
}

# The live latency across nodes, end to end (bench/cross-node-probe.js): a dashboard on B in Chromium, probes to A,
# under a steady background load on both nodes; then every report acknowledged is counted in the database.
cross() {
  echo "== cross: $CROSS_SCRIPTS scripts of background load at $CROSS_RATE reports/s over both nodes; $CROSS_PROBES probes to A watched on B's dashboard"
  helper create "$base" "$key" bench-cross "$CROSS_SCRIPTS" >"$tmp/ids-cross.txt"
  local probe_id
  probe_id=$(curl -fsS -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    --data '{"name":"0-probe.sh","server":"bench"}' "$base/api/v1/script" | jq -r .id)
  # The scripts start OK (the probe's chip is what B's page watches; the load's first round fails its scripts).
  local id
  for id in $probe_id $(cut -d' ' -f1 "$tmp/ids-cross.txt"); do
    curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      --data '{"last_exec":"CURRENT_TIMESTAMP","status":1}' "$base/api/v1/script/$id"
  done
  local runs_before accepted_before
  runs_before=$(runs_mark); accepted_before=$(accepted)
  # B's own measure of its share (scripto_node_change_lag_seconds and the pages'), over the probes' run.
  curl -fsS -H "Authorization: Bearer $key" -o "$tmp/metrics-b-before.txt" "${node_bases[1]}/metrics"
  NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost \
  BASE_A=${node_bases[0]} BASE_B=${node_bases[1]} KEY=$key PROBE_ID=$probe_id LOAD_IDS_FILE=$tmp/ids-cross.txt \
  RATE=$CROSS_RATE PROBES=$CROSS_PROBES MAX_SECONDS=$CROSS_SECONDS PLAYWRIGHT=$playwright PIDS_FILE=$tmp/chromium.pids \
    "$playwright/node/linux-x64/node" "$bench_dir/cross-node-probe.js" >"$tmp/cross.txt" 2>&1 </dev/null &
  probe_pid=$!
  local probe_status=0
  wait "$probe_pid" || probe_status=$?
  probe_pid=
  grep -v '^cross\.' "$tmp/cross.txt" || true
  curl -fsS -H "Authorization: Bearer $key" -o "$tmp/metrics-b-after.txt" "${node_bases[1]}/metrics" &&
    echo "   on B, from its /metrics over the run (background load included):" &&
    helper latency "$tmp/metrics-b-before.txt" "$tmp/metrics-b-after.txt"
  (( probe_status == 0 )) || { echo "bench: the cross-node probe failed (exit $probe_status)" >&2; exit 1; }
  sleep 0.5
  local ok committed counted verdict=stored
  ok=$(awk '$1 == "cross.acknowledged" { print $2 }' "$tmp/cross.txt")
  committed=$(runs_since "$runs_before"); counted=$(( $(accepted) - accepted_before ))
  if (( ok > committed )); then verdict=LOST; failed=1; fi
  echo "$(grep '^cross\.' "$tmp/cross.txt" | tr '\n' ' ')"
  echo "   acknowledged $ok, runs committed $committed, counted by scripto_reports_total $counted: $verdict"
  cross_line="cross-node live latency (report acknowledged by A -> B's dashboard shows it, Chromium): $(awk '
      $1 == "cross.probes" { n = $2 } $1 == "cross.missed" { miss = $2 } $1 == "cross.p50_ms" { p50 = $2 }
      $1 == "cross.p95_ms" { p95 = $2 } $1 == "cross.max_ms" { max = $2 } $1 == "cross.load_per_s" { rate = $2 }
      $1 == "cross.ack_p50_ms" { ack = $2 } $1 == "cross.load_errors" { e = $2 } $1 == "cross.load_skipped" { s = $2 }
      END { printf "p50 %s ms, p95 %s ms, max %s ms over %s probes (%s missed); A answered each probe in %s ms (p50); background load %s reports/s acknowledged (%s errors, %s skipped)", p50, p95, max, n, miss, ack, rate, e, s }' "$tmp/cross.txt")"
  cross_line+="; $verdict ($ok acknowledged, $committed committed)"
}
cross_line=

export BENCH_DIR="$bench_dir" BENCH_KEY="$key" BENCH_THREADS="$THREADS"
IFS=, read -ra modes <<<"$MODES"
# The cross-node latency first, on a database of its own few scripts: the modes below leave 100,000 behind, which
# every re-query of B's dashboard would count.
if [[ ,$MODES, == *,cross,* ]]; then cross; fi
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
      seed_v2 "$V2_SCRIPTS"
      export BENCH_V2_SCRIPTS="$V2_SCRIPTS" BENCH_IDS_FILE= BENCH_EXPECTED_FILE=
      for c in $CONNECTIONS; do measure v2 "$c" "$bench_dir/v2-ping.lua"; done ;;
    cross) ;;
    *) echo "bench: unknown mode '$mode' (hot, spread, v2, cross)" >&2; exit 1 ;;
  esac
done

# The ceiling is measured alone, as before the run.
if [[ $PROVIDER == postgres ]]; then stop_nodes; stop_postgres; else stop_pid "$server_pid"; fi
server_pid=
ceiling_after=$(ceiling)
ceiling_mean=$(( (ceiling_before + ceiling_after) / 2 ))

for log in "$tmp"/server*.log; do
  log_lines=$(grep -c . "$log" || true)
  if [[ $log_lines -gt 0 ]]; then
    echo "== $(basename "$log") ($log_lines lines, warnings and errors only; last 10, cut at 240 characters)"
    tail -n 10 "$log" | cut -c1-240
  fi
done

echo
case $PROVIDER in
  sqlite) echo "SQLite, one process" ;;
  postgres) echo "PostgreSQL 15 ($( [[ ${PG_DURABLE:-1} == 1 ]] && echo "fsync and synchronous_commit on" || echo "fsync off")), $NODES node(s)$( ((NODES > 1)) && echo ", each with its own wrk at 1/$NODES of the connections; p50/p99 the worse node's")" ;;
esac
echo "ceiling.json_put_rps before|after|mean: $ceiling_before|$ceiling_after|$ceiling_mean (wrk -t2 -c16, $CEILING_SECONDS s)"
if [[ -s $results ]]; then
  if [[ $PROVIDER == sqlite ]]; then
    printf '%-7s %5s %10s %8s %8s %8s %8s %8s %7s %7s %10s  %s\n' mode conns reports/s ratio p50_ms p99_ms srv_p50 srv_p99 '>10ms%' errors cpu_ms/rep "acknowledged reports stored; longest checkpoint stall of the writer"
  else
    printf '%-7s %5s %10s %8s %8s %8s %8s %8s %7s %7s %10s %10s  %s\n' mode conns reports/s ratio p50_ms p99_ms srv_p50 srv_p99 '>10ms%' errors cpu_ms/rep pg_ms/rep "acknowledged reports stored"
  fi
  while read -r mode conns rps p50 p99 errors ok committed counted differ verdict stall cpu_ms pg_ms srv_p50 srv_p99 over10; do
    ratio=$(awk -v r="$rps" -v c="$ceiling_mean" 'BEGIN { printf "%.3f", r / c }')
    if [[ $PROVIDER == sqlite ]]; then
      stall_ms=$(awk -v s="$stall" 'BEGIN { printf "%.1f", s * 1000 }')
      printf '%-7s %5s %10s %8s %8s %8s %8s %8s %7s %7s %10s  %s (%s acknowledged, %s committed, %s counted); stall %s ms\n' \
        "$mode" "$conns" "$rps" "$ratio" "$p50" "$p99" "$srv_p50" "$srv_p99" "$over10" "$errors" "$cpu_ms" "$verdict" "$ok" "$committed" "$counted" "$stall_ms"
    else
      printf '%-7s %5s %10s %8s %8s %8s %8s %8s %7s %7s %10s %10s  %s (%s acknowledged, %s committed, %s counted)\n' \
        "$mode" "$conns" "$rps" "$ratio" "$p50" "$p99" "$srv_p50" "$srv_p99" "$over10" "$errors" "$cpu_ms" "$pg_ms" "$verdict" "$ok" "$committed" "$counted"
    fi
  done <"$results"
  echo "ratio = reports/s / the mean ceiling.json_put_rps of this run (measured at 16 connections, also for the 64 rows)"
  echo "p50_ms/p99_ms = wrk's (its timestamps include its own wait for a core); srv_p50/srv_p99 = the server's, arrival to acknowledgement"
  echo "  (scripto_report_duration_seconds over the run, interpolated within a bucket); >10ms% = share of reports over 10 ms there (exact: a bucket bound)"
  echo "cpu_ms/rep = CPU time the Scripto process(es) used during the run (user + system, /proc) / reports committed"
  [[ $PROVIDER == sqlite ]] || echo "pg_ms/rep = the same for the PostgreSQL cluster's processes"
fi
[[ -z $cross_line ]] || echo "$cross_line (target p95 <= 250 ms)"
if [[ $failed -ne 0 ]]; then
  echo "bench: FAILED: a report acknowledged was not stored" >&2
  exit 1
fi
