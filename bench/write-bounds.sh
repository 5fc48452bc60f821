#!/usr/bin/env bash
# The write path's upper bounds (bench/README.md, "Thirteenth pass"): bench/write-throughput.sh once per variant, in
# the order given, each run's load average printed beside it. A variant is NAME=APP_DIR[:SCRIPTO_BOUND], e.g.
#   A=/tmp/app-m0  noop=/tmp/bound-B:noop  append=/tmp/bound-B:append  bare=/tmp/bound-B:bare
# (SCRIPTO_BOUND is read by the throwaway builds of branches bound-exp and idxbound-exp). Every run uses UNSTORED=1, so
# CPU per report is per report acknowledged in every variant, A included. MODES and CONNECTIONS pass through.
#   OUT=/tmp/bound MODES=spread,v2 bash bench/write-bounds.sh A=/tmp/app-m0 noflips=/tmp/bound-B:noflips
# IO=1 ("Fourteenth pass"): every second, the server's bytes written to files (/proc/<pid>/io: wchar, the write and
# pwrite calls' bytes: log frames and checkpoint copies; write_bytes, page-cache pages it dirtied, 4 KiB each), its
# CPU and its accepted reports by API (/metrics) into $OUT/<stamp>-<name>.io, then per report for each API (v1 = the
# spread's and hot's seconds, v2 = v2's), over the seconds with load (warm-ups included).
set -euo pipefail
OUT=${OUT:-/tmp/write-bounds}
mkdir -p "$OUT"
bench_dir=$(cd "$(dirname "$0")" && pwd)

sample_io() { # BENCH_PID FILE: one line a second while the bench's server runs
  local spid= base key line
  while kill -0 "$1" 2>/dev/null; do
    if [[ -z $spid ]] || ! kill -0 "$spid" 2>/dev/null; then
      spid=$(pgrep -P "$1" -f 'Scripto.Web.dll' | head -1 || true)
      [[ -n $spid ]] || { sleep 0.5; continue; }
      base=$(tr '\0' '\n' <"/proc/$spid/cmdline" | grep -A1 -- '--urls' | tail -1)
      key=$(tr '\0' '\n' <"/proc/$spid/environ" | sed -n 's/^Security__ApiKeys__0__Key=//p')
    fi
    line=$(curl -fsS -m 10 -H "Authorization: Bearer $key" "$base/metrics" 2>/dev/null |
      awk '/^scripto_reports_total\{api="v1",outcome="accepted"\} /{a=$NF} /^scripto_reports_total\{api="v2",outcome="accepted"\} /{b=$NF} END{printf "%d %d", a, b}') || line=
    [[ -n $line ]] && echo "$(date +%s.%N) $(awk '{print $14 + $15}' "/proc/$spid/stat" 2>/dev/null) $(awk '/^wchar|^write_bytes/{printf "%s ", $2}' "/proc/$spid/io" 2>/dev/null)$line" >>"$2"
    sleep 1
  done
}

io_summary() { # FILE: per report, for each API, over the seconds with at least 200 reports of it and none of the other
  awk -v hz="$(getconf CLK_TCK)" 'NF == 6 { if (n++) { dv1 = $5 - v1; dv2 = $6 - v2; api = (dv1 >= 200 && dv2 == 0) ? "v1" : (dv2 >= 200 && dv1 == 0) ? "v2" : "";
      if (api != "") { r[api] += dv1 + dv2; w[api] += $3 - wc; b[api] += $4 - wb; c[api] += $2 - cpu; s[api]++ } }
      cpu = $2; wc = $3; wb = $4; v1 = $5; v2 = $6 }
    END { for (a in r) printf "io %s: %d s, %d reports, file bytes written (wchar) %.0f per report, page-cache bytes dirtied (write_bytes) %.0f per report, cpu %.3f ms per report\n",
      a, s[a], r[a], w[a] / r[a], b[a] / r[a], c[a] * 1000 / hz / r[a] }' "$1" | sort
}

for variant in "$@"; do
  name=${variant%%=*}; rest=${variant#*=}; dir=${rest%%:*}; bound=
  [[ $rest == *:* ]] && bound=${rest#*:}
  stamp=$(date -u +%H%M)
  log="$OUT/$stamp-$name.txt"
  { echo "### $name ($dir, SCRIPTO_BOUND=$bound) start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    SCRIPTO_BOUND=$bound UNSTORED=1 APP_DIR=$dir bash "$bench_dir/write-throughput.sh" >"$OUT/$stamp-$name.raw" 2>/dev/null &
    bench_pid=$!
    [[ ${IO:-0} == 1 ]] && { sample_io "$bench_pid" "$OUT/$stamp-$name.io" & }
    wait "$bench_pid" || true
    wait
    grep -vE '^(ratio|p50_ms|cpu_ms|  \()' "$OUT/$stamp-$name.raw" || true
    [[ ${IO:-0} == 1 && -s $OUT/$stamp-$name.io ]] && io_summary "$OUT/$stamp-$name.io"
    echo "### $name end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"; } | tee "$log"
done
