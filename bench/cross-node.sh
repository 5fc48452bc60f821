#!/usr/bin/env bash
# The cross-node live latency: a change committed on node A until node B's feed has it, at 500 changes/s, on the
# tests' throwaway PostgreSQL (two nodes' relays and listeners in one process; see Scripto.Tests/Nodes).
# Prints p50, p95 and max. The page's re-query on B comes on top: bench/dashboard.sh measures that part.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test Scripto.Tests --filter "FullyQualifiedName~CrossNodeLatencyTests" --logger "console;verbosity=detailed" 2>&1 \
    | grep -E "cross-node live latency|\[FAIL\]|Total tests|Passed!|Failed!"
