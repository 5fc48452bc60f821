#!/usr/bin/env bash
# The soak of issue 6: RATE reports/s for WARMUP + DURATION seconds (half v1 PUT by id, half v2 POST by name) with
# DASHBOARDS dashboards open and live in Debian's Chromium; the server's memory must stay flat, no report may fail
# and no acknowledged report may be lost. Exits non-zero otherwise. See bench/README.md.
#
# Environment:
#   DURATION       measured seconds, after the warm-up                        (default 600)
#   WARMUP         seconds of load before the measurement                     (default 30)
#   RATE           reports per second, paced                                  (default 1000)
#   DASHBOARDS     dashboards open on / all along                             (default 10)
#   SCRIPTS        scripts reported to in turn, half v1 and half v2           (default 2000)
#   BENCH_TIMEOUT  seconds before the whole run is stopped       (default WARMUP + DURATION + 600)
#   SERVER_LOG     if set, the server's log is copied there at the end
# Short check that it works: DURATION=60 bench/soak.sh
set -euo pipefail

DURATION=${DURATION:-600}
WARMUP=${WARMUP:-30}
RATE=${RATE:-1000}
DASHBOARDS=${DASHBOARDS:-10}
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# bench/dashboard.sh publishes and starts the app, builds the benchmark and cleans everything up; the soak is its
# phase "soak".
PHASES=soak SCRIPTS=${SCRIPTS:-2000} BENCH_TIMEOUT=${BENCH_TIMEOUT:-$((WARMUP + DURATION + 600))} \
  exec "$bench_dir/dashboard.sh" \
  --soak-duration "$DURATION" --soak-warmup "$WARMUP" --soak-rate "$RATE" --soak-dashboards "$DASHBOARDS"
