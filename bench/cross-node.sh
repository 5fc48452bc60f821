#!/usr/bin/env bash
# The cross-node live latency, end to end: two Scripto processes on one throwaway PostgreSQL, a dashboard open on node
# B in headless Chromium, probe reports sent to node A until B's page shows each, under a steady background load of
# 500 reports/s on both nodes; prints p50/p95/max and the number of probes, then counts every acknowledged report in
# the database. It is bench/write-throughput.sh's mode "cross" alone (its settings: CROSS_PROBES, CROSS_RATE,
# CROSS_SCRIPTS, PG_DURABLE, APP_DIR, CEILING_SECONDS).
#
# RELAY_ONLY=1: the part between the nodes alone, in one test process (two relays and listeners; A commits 500
# changes/s, timed until B's feed has them): Scripto.Tests/Nodes/CrossNodeLatencyTests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ${RELAY_ONLY:-0} == 1 ]]; then
  dotnet test Scripto.Tests --filter "FullyQualifiedName~CrossNodeLatencyTests" --logger "console;verbosity=detailed" 2>&1 \
    | grep -E "cross-node live latency|\[FAIL\]|Total tests|Passed!|Failed!"
  exit "${PIPESTATUS[0]}"
fi
exec env PROVIDER=postgres NODES=2 MODES=cross bash bench/write-throughput.sh
