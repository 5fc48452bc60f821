"""WAL pages per report in the benchmark's three modes, the writer's and the notification planner's apart
(bench/README.md, "Eighth pass"). Replays, on a fresh copy of Scripto's schema, what a report writes when it flips its
script (as every benchmark report does, half of v2's): the writer's batch (UPDATE the script's changed columns,
INSERT its run, its flip and its alert event; BATCH reports per transaction) and, every PASS reports (100 ms of
reports), the planner's pass (DELETE the events consumed, upsert each script's flap state). Checkpoints off; each
transaction's share is the growth of the WAL it caused.

Usage: python3 bench/wal-pages-modes.py SCRIPTO_DB [BATCH [PASS [PAGE_SIZE]]]   (SCRIPTO_DB: any database Scripto made, for
its schema; PAGE_SIZE: the new database's, 4096 unless given)
"""
import datetime, json, os, random, sqlite3, sys, tempfile

source = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
schema = ";\n".join(sql for (sql,) in source.execute(
    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index'")) + ";"
BATCH = int(sys.argv[2]) if len(sys.argv) > 2 else 5
PASS = int(sys.argv[3]) if len(sys.argv) > 3 else 200
PAGE = int(sys.argv[4]) if len(sys.argv) > 4 else 4096
FRAME = PAGE + 24


def run(mode, scripts, history, reports=20000, flip_share=1.0):
    path = os.path.join(tempfile.gettempdir(), f'scripto-wal-modes-{mode}.db')
    for ext in ('', '-wal', '-shm'):
        if os.path.exists(path + ext): os.remove(path + ext)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute(f'PRAGMA page_size={PAGE}'); con.execute('PRAGMA journal_mode=WAL'); con.execute('PRAGMA synchronous=NORMAL'); con.execute('PRAGMA wal_autocheckpoint=0')
    con.executescript(schema)
    now = datetime.datetime(2026, 11, 27)
    stamp = lambda t: t.strftime('%Y-%m-%d %H:%M:%S.%f')
    changes = json.dumps([stamp(now - datetime.timedelta(minutes=k)) for k in range(7)])
    con.execute('BEGIN')
    for i in range(1, scripts + 1):
        con.execute("INSERT INTO scripts (id,name,server,created_at,schedule_kind,paused,health,status,last_exec,alerting) VALUES (?,?,?,?,?,0,'Up',1,?,0)",
                    (i, f'bench-{mode}-{i}.sh', 'bench', stamp(now), 'None', stamp(now)))
        # steady state of the benchmark: every script reported before has a flap state (flapping: it flips each time)
        con.execute("INSERT INTO script_flaps (script_id, changes, flapping, last_change_at, down, reason) VALUES (?,?,1,?,0,'reported success')",
                    (i, changes, stamp(now)))
    for k in range(history):
        for i in range(1, scripts + 1):
            con.execute("INSERT INTO runs (script_id, at, signal, exit_code, duration_ms, output, remote_address) VALUES (?,?,?,?,?,?,?)",
                        (i, stamp(now), 'Success', None, None, None, '127.0.0.1'))
    con.execute('COMMIT')
    con.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    size = lambda: os.path.getsize(path + '-wal') if os.path.exists(path + '-wal') else 0
    writer = planner = 0
    status, pending, t = {}, [], now
    for b in range(reports // BATCH):
        before = size()
        con.execute('BEGIN')
        for r in range(BATCH):
            sid = 1 if scripts == 1 else random.randint(1, scripts)
            flips = random.random() < flip_share
            st = 1 - status.get(sid, 1) if flips else status.get(sid, 1)
            status[sid] = st
            t += datetime.timedelta(microseconds=500)
            at = stamp(t)
            con.execute('UPDATE scripts SET health=?, status=?, last_exec=?, alerting=?, streak=0 WHERE id=?', ('Up' if st else 'Down', st, at, 1 - st, sid))
            con.execute("INSERT INTO runs (script_id, at, signal, exit_code, duration_ms, output, remote_address) VALUES (?,?,?,?,?,?,?)",
                        (sid, at, 'Success' if st else 'Failure', None, None, None, '127.0.0.1'))
            if flips:
                con.execute("INSERT INTO flips (script_id, at, from_state, to_state, reason) VALUES (?,?,?,?,?)",
                            (sid, at, 'Down' if st else 'Up', 'Up' if st else 'Down', 'reported success' if st else 'reported failure'))
                cur = con.execute("INSERT INTO alert_events (script_id, at, down, anomaly, reason) VALUES (?,?,?,0,?)",
                                  (sid, at, 1 - st, 'reported success' if st else 'reported failure'))
                pending.append((cur.lastrowid, sid, at, 1 - st))
        con.execute('COMMIT')
        writer += size() - before
        if (b + 1) * BATCH % PASS == 0 and pending:
            before = size()
            con.execute('BEGIN')
            con.execute('DELETE FROM alert_events WHERE id IN (SELECT value FROM json_each(?))', (json.dumps([p[0] for p in pending]),))
            for _, sid, at, down in pending:
                con.execute("INSERT INTO script_flaps (script_id, changes, flapping, last_change_at, down, reason) VALUES (?,?,1,?,?,?)"
                            " ON CONFLICT (script_id) DO UPDATE SET changes = excluded.changes, flapping = excluded.flapping,"
                            " last_change_at = excluded.last_change_at, down = excluded.down, reason = excluded.reason",
                            (sid, changes, at, down, 'reported failure' if down else 'reported success'))
            con.execute('COMMIT')
            planner += size() - before
            pending = []
    file_pages = con.execute('PRAGMA page_count').fetchone()[0]
    con.close()
    for ext in ('', '-wal', '-shm'):
        if os.path.exists(path + ext): os.remove(path + ext)
    w, p = writer / FRAME / reports, planner / FRAME / reports
    print(f'{mode:7s} {scripts:>7,} scripts: writer {w:5.2f} + planner {p:5.2f} = {w + p:5.2f} WAL pages per report ({(w + p) * PAGE / 1024:5.1f} KiB),'
          f' file {file_pages * PAGE / 2**20:6.1f} MiB')


print(f'pages of {PAGE} bytes, batches of {BATCH} reports, a planner pass every {PASS} reports, every report a flip (v2: half)')
run('hot', 1, 100)
run('spread', 1000, 100)
run('v2', 100000, 5, flip_share=0.5)
