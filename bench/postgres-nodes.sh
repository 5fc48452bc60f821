# Sourced by bench/write-throughput.sh with PROVIDER=postgres: a throwaway PostgreSQL cluster
# (Scripto.Tests/Shared/postgres-cluster.sh) with one database, and NODES Scripto processes on it.
# Needs: repo, tmp, scripto-server.sh. Sets: pg_dir, pg_conn, pg_port, node_pids, node_bases.

# Starts the cluster and creates the database "scripto". PG_DURABLE=1 (the default) restarts it with PostgreSQL's
# own defaults (fsync, synchronous_commit and full_page_writes on, shared_buffers 128MB), what an operator runs: the
# tests' cluster runs without them, and its command-line settings outrank ALTER SYSTEM.
start_postgres() {
  local out base_conn
  echo "== starting a throwaway PostgreSQL cluster (Scripto.Tests/Shared/postgres-cluster.sh)"
  out=$(bash "$repo/Scripto.Tests/Shared/postgres-cluster.sh" start)
  pg_dir=$(sed -n 1p <<<"$out")
  base_conn=$(sed -n 2p <<<"$out")
  pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$base_conn")
  if [[ ${PG_DURABLE:-1} == 1 ]]; then
    local as_postgres=(runuser -u postgres --)
    [[ $(id -u) -eq 0 ]] || as_postgres=(sudo -u postgres --)
    "${as_postgres[@]}" /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 -m fast restart \
      -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null
  fi
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -XAtq -v ON_ERROR_STOP=1 -c "CREATE DATABASE scripto" >/dev/null
  pg_conn="${base_conn/Database=postgres/Database=scripto}"
  echo "   $pg_dir, port $pg_port, $(pg -c "SELECT 'fsync ' || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit') || ', shared_buffers ' || current_setting('shared_buffers')")"
}

stop_postgres() {
  [[ -n ${pg_dir:-} ]] || return 0
  bash "$repo/Scripto.Tests/Shared/postgres-cluster.sh" stop "$pg_dir" || true
  pg_dir=
}

pg() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d scripto -XAtq -v ON_ERROR_STOP=1 "$@"; }

# NODES processes of the published app on the one database, started one after the other (the first migrates).
# Runs:Keep is raised so that every run committed during a measured run is still there to be counted (pruning is off
# the report path: once a minute, through the writer).
start_nodes() {
  publish_scripto
  node_pids=() node_bases=()
  local i
  for ((i = 0; i < NODES; i++)); do
    launch_scripto "$tmp/server-$i.log" Database__Provider=Postgres Runs__Keep=100000000 \
      "ConnectionStrings__Scripto=$pg_conn;Application Name=scripto-node-$i"
    node_pids+=("$launched_pid") node_bases+=("$launched_base")
  done
}

stop_nodes() {
  local pid
  for pid in "${node_pids[@]}"; do stop_pid "$pid"; done
  node_pids=()
}

# CPU of the whole cluster in clock ticks: the postmaster, its processes (backends, WAL writer, checkpointer...) and
# those that already ended (the postmaster's cutime + cstime).
pg_cpu_ticks() {
  python3 - "$(head -1 "$pg_dir/data/postmaster.pid")" <<'EOF'
import os, sys
postmaster, total = int(sys.argv[1]), 0
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    if int(pid) == postmaster:
        total += sum(map(int, fields[11:15]))  # utime stime cutime cstime
    elif int(fields[1]) == postmaster:
        total += int(fields[11]) + int(fields[12])
print(total)
EOF
}
