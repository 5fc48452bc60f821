#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks: Debian's postgresql 15, run as the postgres user (root
# cannot run the server), in a temp folder, on a free loopback port, with fsync off (nothing in it outlives the run).
#   Scripto.Tests/Shared/postgres-cluster.sh start   prints DIR and the Npgsql connection string, one per line
#   Scripto.Tests/Shared/postgres-cluster.sh stop DIR  stops it and deletes DIR
set -euo pipefail
bin=/usr/lib/postgresql/15/bin

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else sudo -u postgres -- "$@"; fi
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

case "${1:-}" in
  start)
    [ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed (apt-get install postgresql)" >&2; exit 1; }
    dir=$(mktemp -d /tmp/scripto-pg.XXXXXX)
    chmod 755 "$dir"
    chown postgres: "$dir" 2>/dev/null || sudo chown postgres: "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    for attempt in 1 2 3; do
      port=$(free_port)
      if as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start -o \
        "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB" \
        >/dev/null 2>&1; then
        echo "$dir"
        echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
        exit 0
      fi
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
  stop)
    dir=${2:?usage: $0 stop DIR}
    [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
