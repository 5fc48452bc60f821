"""Helpers of bench/write-throughput.sh: create the scripts, seed many at once, read what the database holds.

  create BASE KEY PREFIX COUNT   creates COUNT scripts PREFIX-1.sh.. over v1 (POST, keep-alive); prints "id name server null"
  seed-v2 DB COUNT               one script bench-v2-1.sh must exist (made by a ping); copies its row to bench-v2-2..COUNT
  runs DB                        the runs ever committed (runs' AUTOINCREMENT counter: pruning never lowers it)
  statuses DB                    "id 0|1|null" for every script
  latency BEFORE AFTER           two scrapes of a node's /metrics: its live-latency histograms over the time between
                                 them (count, p50, p95 interpolated in the buckets as Prometheus' histogram_quantile)
  server-latency BEFORE.. -- AFTER..
                                 scrapes of each node's /metrics before and after a run: the accepted reports' time from
                                 arrival to acknowledgement on the server's side (scripto_report_duration_seconds, summed
                                 over the nodes), as "count p50_ms p99_ms share_over_10ms_percent"; p50/p99 interpolated
                                 within their bucket, the share exact (10 ms is a bucket's bound)
"""
import http.client
import json
import sqlite3
import sys
from urllib.parse import urlparse


def create(base, key, prefix, count):
    url = urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    headers = {"Content-Type": "application/json", "Authorization": "Bearer " + key}
    for n in range(1, count + 1):
        name = f"{prefix}-{n}.sh"
        conn.request("POST", "/api/v1/script", json.dumps({"name": name, "server": "bench"}), headers)
        answer = conn.getresponse()
        body = answer.read()
        if answer.status != 201:
            sys.exit(f"bench: creating {name} answered {answer.status}: {body[:300]!r}")
        print(json.loads(body)["id"], name, "bench", "null")


def connect(db, readonly=True):
    if readonly:
        return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    return sqlite3.connect(db, timeout=30)


def seed_v2(db, count):
    con = connect(db, readonly=False)
    columns = [r[1] for r in con.execute("PRAGMA table_info(scripts)") if r[1] not in ("id", "name")]
    template = con.execute("SELECT id FROM scripts WHERE name = 'bench-v2-1.sh'").fetchone()
    if template is None:
        sys.exit("bench: the template script bench-v2-1.sh is missing")
    cols = ", ".join(columns)
    with con:  # one transaction, while the app runs (WAL: its readers go on; its writer waits on busy_timeout)
        con.execute(
            f"""WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO scripts (name, {cols}) SELECT 'bench-v2-' || n.i || '.sh', {cols} FROM n, scripts s WHERE s.id = ?""",
            (count, template[0]),
        )
    con.close()


def runs(db):
    con = connect(db)
    row = con.execute("SELECT seq FROM sqlite_sequence WHERE name = 'runs'").fetchone()
    print(row[0] if row else 0)


def statuses(db):
    con = connect(db)
    for id_, status in con.execute("SELECT id, status FROM scripts"):
        print(id_, "null" if status is None else int(status))


LATENCY = [("scripto_node_change_lag_seconds", "another node's change until this node's feed had it"),
           ("scripto_live_page_delay_seconds", "the feed until an open page showed it"),
           ("scripto_live_refresh_seconds", "a page's refresh alone")]


def buckets(path, family):
    """{upper bound: cumulative count} of one histogram in a /metrics text."""
    found = {}
    with open(path) as text:
        for line in text:
            if line.startswith(family + "_bucket{le="):
                bound = line.split('le="', 1)[1].split('"', 1)[0]
                found[float("inf") if bound == "+Inf" else float(bound)] = float(line.rsplit(" ", 1)[1])
    return found


def quantile(q, cumulative):
    bounds = sorted(cumulative)
    total = cumulative[bounds[-1]]
    rank, lower, below = q * total, 0.0, 0.0
    for bound in bounds:
        if cumulative[bound] >= rank:
            if bound == float("inf"):
                return lower  # beyond the last finite bucket: its bound is all that is known
            inside = cumulative[bound] - below
            return lower + (bound - lower) * ((rank - below) / inside if inside else 1)
        lower, below = bound, cumulative[bound]
    return lower


def latency(before, after):
    for family, what in LATENCY:
        start, end = buckets(before, family), buckets(after, family)
        if not end:
            print(f"   {family}: absent ({what})")
            continue
        delta = {b: end[b] - start.get(b, 0) for b in end}
        count = int(delta[float("inf")])
        if count == 0:
            print(f"   {family}: none ({what})")
            continue
        print(f"   {family}: {count} observed, p50 {quantile(0.5, delta) * 1000:.0f} ms, p95 {quantile(0.95, delta) * 1000:.0f} ms ({what})")


def server_latency(befores, afters, over=0.010):
    delta = {}
    for path in afters:
        for bound, count in buckets(path, "scripto_report_duration_seconds").items():
            delta[bound] = delta.get(bound, 0) + count
    for path in befores:
        for bound, count in buckets(path, "scripto_report_duration_seconds").items():
            delta[bound] = delta.get(bound, 0) - count
    count = delta.get(float("inf"), 0)
    if not count:
        print("0 - - -")
        return
    if over not in delta:
        sys.exit(f"bench: scripto_report_duration_seconds has no bucket bound at {over} s")
    share = (count - delta[over]) * 100 / count
    print(f"{int(count)} {quantile(0.5, delta) * 1000:.2f} {quantile(0.99, delta) * 1000:.2f} {share:.2f}")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "create":
        create(args[0], args[1], args[2], int(args[3]))
    elif command == "seed-v2":
        seed_v2(args[0], int(args[1]))
    elif command == "runs":
        runs(args[0])
    elif command == "statuses":
        statuses(args[0])
    elif command == "server-latency":
        split = args.index("--")
        server_latency(args[:split], args[split + 1:])
    elif command == "latency":
        latency(args[0], args[1])
    else:
        sys.exit(f"unknown command {command}")
