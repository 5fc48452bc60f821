#!/usr/bin/env bash
# What the dashboard's rows cost Chromium in style and layout, one stylesheet against another in one browser
# (bench/dashboard-style.js says how). Starts the app on a fresh database with SCRIPTS scripts reporting (a third
# failing, some with tags and schedules), so the first page shows 50 rows, then measures.
#   APP_DIR   the published app (else this checkout is published)      SCRIPTS  (default 120)
#   ROUNDS    rounds per variant (default 40)                           VARIANTS comma-separated (default all)
#   MODE      (none): rows rewritten in the static page; live: the page live under LIVE_RATE reports/s (LIVE_SLICES,
#             LIVE_SECONDS, TRACE=<file>); load: fresh pages with and without MudBlazor's stylesheet
# E.g. MODE=live LIVE_SLICES=3 VARIANTS=as-is APP_DIR=/tmp/app-m0 bash bench/dashboard-style.sh
set -euo pipefail
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench_dir/scripto-server.sh"
repo=$(cd "$bench_dir/.." && pwd)
SCRIPTS=${SCRIPTS:-120}

playwright=$repo/Scripto.Tests/bin/Debug/net10.0/.playwright
if [[ ! -x $playwright/node/linux-x64/node ]]; then
  version=$(sed -nE 's/.*Include="Microsoft.Playwright" Version="([^"]+)".*/\1/p' "$repo/Directory.Packages.props")
  playwright=${NUGET_PACKAGES:-$HOME/.nuget/packages}/microsoft.playwright/$version/.playwright
fi
[[ -x $playwright/node/linux-x64/node ]] || { echo "bench: Playwright's node not found (build Scripto.Tests once)" >&2; exit 1; }

tmp=$(mktemp -d -t scripto-style-bench.XXXXXX)
server_pid=
trap 'status=$?; stop_scripto $status; rm -rf "$tmp"; exit $status' EXIT
start_scripto

for i in $(seq "$SCRIPTS"); do
  outcome=""; (( i % 3 == 0 )) && outcome=/fail
  echo "url = \"$base/api/v2/ping/backup-job-$i$outcome?server=host-$((i % 9))&cron=30+2+*+*+*&tz=Europe/Paris&tags=nightly,db\""
  echo "request = POST"
done >"$tmp/curl.cfg"
curl -fsS --parallel --parallel-max 8 -K "$tmp/curl.cfg" >/dev/null

BASE=$base PLAYWRIGHT=$playwright "$playwright/node/linux-x64/node" "$bench_dir/dashboard-style.js"
