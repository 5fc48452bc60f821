#!/usr/bin/env bash
# The write path's upper bounds (bench/README.md, "Thirteenth pass"): bench/write-throughput.sh once per variant, in
# the order given, each run's load average printed beside it. A variant is NAME=APP_DIR[:SCRIPTO_BOUND], e.g.
#   A=/tmp/app-m0  noop=/tmp/bound-B:noop  append=/tmp/bound-B:append  bare=/tmp/bound-B:bare
# (SCRIPTO_BOUND is read by the throwaway build of branch bound-exp). Every run uses UNSTORED=1, so CPU per report
# is per report acknowledged in every variant, A included. MODES and CONNECTIONS pass through.
#   OUT=/tmp/bound MODES=spread,v2 bash bench/write-bounds.sh A=/tmp/app-m0 noflips=/tmp/bound-B:noflips
set -euo pipefail
OUT=${OUT:-/tmp/write-bounds}
mkdir -p "$OUT"
bench_dir=$(cd "$(dirname "$0")" && pwd)
for variant in "$@"; do
  name=${variant%%=*}; rest=${variant#*=}; dir=${rest%%:*}; bound=
  [[ $rest == *:* ]] && bound=${rest#*:}
  stamp=$(date -u +%H%M)
  log="$OUT/$stamp-$name.txt"
  { echo "### $name ($dir, SCRIPTO_BOUND=$bound) start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    SCRIPTO_BOUND=$bound UNSTORED=1 APP_DIR=$dir bash "$bench_dir/write-throughput.sh" 2>/dev/null | grep -vE '^(ratio|p50_ms|cpu_ms|  \()' || true
    echo "### $name end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"; } | tee "$log"
done
