#!/usr/bin/env bash
# Runs every test: unit, API (real pipeline, real SQLite files), browser (Debian's headless Chromium), clients
# (scripto-send under /bin/sh with curl, and Debian's python3, as real processes), notifications (Debian's aiosmtpd as
# the SMTP server), the published app behind Debian's nginx, and PostgreSQL (Debian's postgresql 15, a throwaway
# cluster started here for the run and stopped at its end). On a fresh Debian machine it first installs what the
# tests need.
# (Installing nginx may start a system nginx on port 80; the tests run their own on free ports and never touch it.)
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null || need+=(chromium)
[ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null || need+=(curl)
# The client tests run Debian's python3 (a pyenv python first on the PATH may lack requests).
/usr/bin/python3 -c 'import requests' 2>/dev/null || need+=(python3 python3-requests)
# The notification tests send email to a real SMTP server: Debian's aiosmtpd.
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need+=(python3-aiosmtpd)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages the tests need: ${need[*]}"
  $sudo apt-get update -q -o DPkg::Lock::Timeout=600
  $sudo apt-get install -y -q -o DPkg::Lock::Timeout=600 "${need[@]}"
fi

dotnet tool restore >/dev/null
log=$(mktemp)
pg=$(Scripto.Tests/Shared/postgres-cluster.sh start)
pg_dir=$(sed -n 1p <<<"$pg")
export SCRIPTO_TEST_POSTGRES=$(sed -n 2p <<<"$pg")
trap 'rm -f "$log"; Scripto.Tests/Shared/postgres-cluster.sh stop "$pg_dir"' EXIT
set +e
dotnet test Scripto.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# `dotnet test` ends with "Passed!  - Failed: 0, Passed: N, Skipped: 0, ..."; print the plain line too.
summary=$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | tail -n 1 || true)
if [ -z "$summary" ]; then
  echo "0 passed, 0 failed, 0 skipped"
  echo "No test ran." >&2
  exit 1
fi
failed=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
skipped=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
echo "$passed passed, $failed failed, $skipped skipped"
[ "$passed" -gt 0 ] || { echo "No test ran." >&2; exit 1; }
exit "$status"
