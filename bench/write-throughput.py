"""Helpers of bench/write-throughput.sh: create the scripts, seed many at once, read what the database holds.

  create BASE KEY PREFIX COUNT   creates COUNT scripts PREFIX-1.sh.. over v1 (POST, keep-alive); prints "id name server null"
  seed-v2 DB COUNT               one script bench-v2-1.sh must exist (made by a ping); copies its row to bench-v2-2..COUNT
  runs DB                        the runs ever committed (runs' AUTOINCREMENT counter: pruning never lowers it)
  statuses DB                    "id 0|1|null" for every script
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
    else:
        sys.exit(f"unknown command {command}")
