# Sourced by the benchmarks. start_scripto publishes Scripto.Web (Release) into $tmp/app (or takes APP_DIR) and starts it there on a
# free loopback port, on a fresh database $tmp/bench.db, logging warnings only; it returns once the app answers.
# Needs: repo, tmp. Sets: app, base (the app's URL), server_pid (the dotnet process itself, for kill and /proc).
# publish_scripto and launch_scripto are its two halves, for a benchmark that starts several nodes on one database.
start_scripto() {
  publish_scripto
  launch_scripto "$tmp/server.log" ConnectionStrings__Scripto="Data Source=$tmp/bench.db"
  server_pid=$launched_pid base=$launched_base
}

# Sets app: the published Scripto.Web, once per benchmark.
publish_scripto() {
  [[ -n ${app:-} ]] && return 0
  if [[ -n ${APP_DIR:-} ]]; then
    # An A/B comparison runs builds published beforehand (APP_DIR=<dir of Scripto.Web.dll>), alternated in one session.
    app=$APP_DIR
    echo "== using the app published in $app"
  else
    app="$tmp/app"
    echo "== publishing Scripto.Web (Release) to $app"
    if ! (cd "$repo" && timeout 600 dotnet publish Scripto.Web -c Release -o "$app" --nologo -v minimal >"$tmp/publish.log" 2>&1); then
      cat "$tmp/publish.log" >&2
      exit 1
    fi
  fi
}

# Starts the published app on a free loopback port with these settings (NAME=value ...) on top of its shipped ones,
# logging warnings only into LOG; returns once it answers. Sets launched_pid (the dotnet process itself) and
# launched_base (its URL).
launch_scripto() { # LOG [NAME=value ...]
  local log=$1 port
  shift
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  launched_base="http://127.0.0.1:$port"

  echo "== starting the app on $launched_base (${1:-})"
  (
    cd "$app"
    ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    exec env "$@" dotnet Scripto.Web.dll --urls "$launched_base"
  ) >"$log" 2>&1 &
  launched_pid=$! # the subshell execs env, which execs dotnet: this is the server's own pid

  local attempt
  for attempt in $(seq 300); do
    if ! kill -0 "$launched_pid" 2>/dev/null; then
      echo "bench: the app exited before answering" >&2
      tail -n 20 "$log" >&2
      exit 1
    fi
    curl -fsS -o /dev/null "$launched_base/api/v1/script?results_per_page=1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench: the app did not answer within 30 s" >&2
  exit 1
}

# Ends a process (TERM, then KILL after 5 s) if it is still there.
stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# For a benchmark's exit trap: stops the app, and shows the end of its log when the benchmark failed ($1: its status).
stop_scripto() {
  if [[ -n ${server_pid:-} ]]; then stop_pid "$server_pid"; fi
  if [[ $1 -ne 0 && -s $tmp/server.log ]]; then
    echo "bench: failed; last lines of the server log:" >&2
    tail -n 40 "$tmp/server.log" >&2
  fi
}
