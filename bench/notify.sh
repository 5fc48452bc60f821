#!/usr/bin/env bash
# Notifications benchmark (issue 11): 10,000 scripts on 20 servers, 1,000 of them fail within the same minute, five
# channels grouped by server (email to a local aiosmtpd; webhook, Slack, Teams and ntfy to a local receiver).
# Prints the messages each channel got (expected: one per server, no repeat), the time from a failure's
# acknowledgement to its first receipt (p50/p95; target p95 <= group_wait + 2 s), and the write path's reports/s with
# these channels configured against without them, measured in the same run (target: within 5 %), beside this
# machine's ceiling (../shared/calibration/ceiling.sh). See bench/README.md.
#
# Environment:
#   SCRIPTS     scripts created                    (default 10000)
#   SERVERS     servers they are spread over        (default 20)
#   DOWN        scripts that fail                   (default 1000)
#   GROUP_WAIT  the channels' group_wait            (default 5s)
#   DURATION    seconds of each write-path run      (default 8)
#   ROUNDS      write-path runs of each kind, alternated (default 2)
set -euo pipefail

SCRIPTS=${SCRIPTS:-10000}
SERVERS=${SERVERS:-20}
DOWN=${DOWN:-1000}
GROUP_WAIT=${GROUP_WAIT:-5s}
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-2}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench_dir/scripto-server.sh"
repo=$(cd "$bench_dir/.." && pwd)
ceiling=$repo/../shared/calibration/ceiling.sh

need=(); command -v wrk >/dev/null || need+=(wrk); command -v jq >/dev/null || need+=(jq)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need+=(python3-aiosmtpd)
if [[ ${#need[@]} -gt 0 ]]; then apt-get update -q && apt-get install -y -q -o DPkg::Lock::Timeout=600 "${need[@]}"; fi

tmp=$(mktemp -d -t scripto-notify-bench.XXXXXX)
server_pid= receiver_pid= smtp_pid=
cleanup() {
  local status=$?
  stop_scripto "$status"
  [[ -n $receiver_pid ]] && stop_pid "$receiver_pid"
  [[ -n $smtp_pid ]] && stop_pid "$smtp_pid"
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

echo "== receivers: HTTP (webhook, slack, teams, ntfy) and SMTP (aiosmtpd)"
/usr/bin/python3 "$bench_dir/notify/receivers.py" "$tmp/received.jsonl" "$tmp/receiver.port" &
receiver_pid=$!
smtp_port=$(free_port)
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$tmp/mail" >"$tmp/smtp.log" 2>&1 &
smtp_pid=$!
for _ in $(seq 100); do [[ -s $tmp/receiver.port ]] && break; sleep 0.1; done
receivers="http://127.0.0.1:$(cat "$tmp/receiver.port")"

# Shipped settings and one key, as bench/write-throughput.sh runs them (the v1 reports carry the key).
key="bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export Security__ApiKeys__0__Name=bench Security__ApiKeys__0__Key="$key" Security__ApiKeys__0__Scopes="report,read"
export Notifications__Smtp__Host=127.0.0.1 Notifications__Smtp__Port=$smtp_port Notifications__Smtp__Security=None \
  Notifications__Smtp__From=scripto@bench.example Scripto__PublicUrl=https://scripto.bench.example
start_scripto

# $1: extra JSON fields (such as a server filter). Creates the five channels; their ids go to $tmp/channels.
make_channels() {
  : >"$tmp/channels"
  local kind target
  for kind in email webhook slack teams ntfy; do
    if [[ $kind == email ]]; then target='"to": ["ops@bench.example"]'; else target="\"url\": \"$receivers/$kind\""; fi
    curl -fsS -X POST "$base/api/v2/channels" -H 'Content-Type: application/json' \
      --data "{\"name\": \"$kind\", \"kind\": \"$kind\", $target, \"group_by\": \"server\", \"group_wait\": \"$GROUP_WAIT\", \"group_interval\": \"10m\" $1}" \
      | jq -r .id >>"$tmp/channels"
  done
}
drop_channels() { while read -r id; do curl -fsS -X DELETE "$base/api/v2/channels/$id"; done <"$tmp/channels"; }

echo "== write path: v1 status reports that flip every time, without and with the five channels (alternated, $ROUNDS each)"
for n in $(seq 200); do
  curl -fsS -o /dev/null -X POST "$base/api/v1/script" -H 'Content-Type: application/json' --data "{\"name\":\"write-$n.sh\",\"server\":\"write\"}"
done
write_run() { # label
  curl -fsS "$base/api/v1/script?results_per_page=1000" | jq -r '.objects[] | select(.server == "write") | "\(.id) \(.name) \(.server) \(if .status == null then "null" elif .status then 1 else 0 end)"' >"$tmp/ids.txt"
  BENCH_DIR="$bench_dir" BENCH_KEY="$key" BENCH_IDS_FILE="$tmp/ids.txt" BENCH_THREADS=2 \
    wrk -t2 -c16 -d"${DURATION}s" -s "$bench_dir/v1-report.lua" "$base" >"$tmp/wrk.txt" 2>&1
  awk -v label="$1" '$1 == "bench.ok_per_s" { print label, $2 }' "$tmp/wrk.txt" | tee -a "$tmp/write.txt"
}
write_run warmup >/dev/null
write_run warmup >/dev/null # tiered JIT settles over two runs: the first measured run was otherwise a third slower
for _ in $(seq "$ROUNDS"); do
  write_run without
  make_channels ""
  write_run with
  drop_channels
done

echo "== letting the outbox drain (the write runs flipped scripts thousands of times)"
for _ in $(seq 300); do
  pending=$(curl -fsS "$base/metrics" | awk '$1 == "scripto_outbox_pending" { print $2 }')
  [[ $pending == 0 ]] && break
  sleep 1
done
echo "outbox pending: $pending"
sleep 2
: >"$tmp/received.jsonl" # what the write runs' channels got is not this measurement's
rm -rf "$tmp/mail/new" && mkdir -p "$tmp/mail/new"

echo "== notifications: $SCRIPTS scripts on $SERVERS servers, $DOWN fail; group_wait $GROUP_WAIT"
servers=$(seq -f 'srv-%02g' 1 "$SERVERS" | jq -R . | jq -sc .)
make_channels ", \"servers\": $servers"
/usr/bin/python3 "$bench_dir/notify/load.py" "$base" "$SCRIPTS" "$SERVERS" "$DOWN" "$tmp/acked.txt"
wait_s=${GROUP_WAIT%s}
deadline=$(( $(date +%s) + wait_s + 60 ))
while (( $(date +%s) < deadline )); do
  http=$(grep -c . "$tmp/received.jsonl" 2>/dev/null || true)
  mails=$(ls "$tmp/mail/new" 2>/dev/null | wc -l)
  (( http >= 4 * SERVERS && mails >= SERVERS )) && break
  sleep 1
done
sleep 3 # room for a repeat that must not come

echo "== ceiling"
ceiling_rps=$(bash "$ceiling" 8 | awk '$1 == "ceiling.json_put_rps" { print $2 }')

echo
echo "notify.group_wait $GROUP_WAIT (target p95 <= group_wait + 2 s)"
status=0
/usr/bin/python3 "$bench_dir/notify/analyse.py" "$tmp/received.jsonl" "$tmp/mail" "$tmp/acked.txt" "$SERVERS" || status=1
without=$(awk '$1 == "without" { s += $2; n++ } END { printf "%.0f", s / n }' "$tmp/write.txt")
with=$(awk '$1 == "with" { s += $2; n++ } END { printf "%.0f", s / n }' "$tmp/write.txt")
echo "notify.write_rps_without_channels $without ($(awk -v a="$without" -v c="$ceiling_rps" 'BEGIN { printf "%.3f", a / c }') of the ceiling)"
echo "notify.write_rps_with_channels $with ($(awk -v a="$with" -v c="$ceiling_rps" 'BEGIN { printf "%.3f", a / c }') of the ceiling)"
echo "notify.write_with_over_without $(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.3f", a / b }') (target >= 0.95)"
echo "ceiling.json_put_rps $ceiling_rps"
warnings=$(grep -c . "$tmp/server.log" || true)
echo "server log lines (warnings and errors): $warnings"
[[ $warnings -eq 0 ]] || tail -n 10 "$tmp/server.log"
exit "$status"
