"""WAL pages each report writes, by what it writes (bench/README.md, "Bytes written per report").

Usage: python3 bench/wal-pages.py SCRIPTO_DB VARIANT...   (SCRIPTO_DB: any database Scripto made, for its schema)
Variants: full, no-flips, no-runs-index, no-last-exec-index, no-flips-index; "+hot" for one script instead of 1,000.
Replays the writer's statements for a v1 report (UPDATE the script, INSERT its run, INSERT a flip) in batches of 5 on
a fresh copy of the schema (1,000 scripts with 100 runs each), checkpoints off, and divides the WAL's frames by the
reports.
"""
import sqlite3, os, sys, random, datetime, tempfile
source = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
schema = ";\n".join(sql for (sql,) in source.execute(
    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index'")) + ";"
def run(variant, scripts=1000, reports=20000, batch=5, hot=False):
    path = os.path.join(tempfile.gettempdir(), f'scripto-wal-pages-{variant}.db')
    for ext in ('', '-wal', '-shm'):
        try: os.remove(path + ext)
        except FileNotFoundError: pass
    con = sqlite3.connect(path, isolation_level=None)
    con.execute('PRAGMA journal_mode=WAL'); con.execute('PRAGMA synchronous=NORMAL'); con.execute('PRAGMA wal_autocheckpoint=0')
    con.executescript(schema)
    if variant == 'no-runs-index': con.execute('DROP INDEX IX_runs_script_id_id')
    if variant == 'no-last-exec-index': con.execute('DROP INDEX IX_scripts_last_exec')
    if variant == 'no-flips-index': con.execute('DROP INDEX IX_flips_script_id_id')
    now = datetime.datetime(2026, 11, 26)
    con.execute('BEGIN')
    for i in range(1, scripts + 1):
        con.execute("INSERT INTO scripts (id,name,server,created_at,schedule_kind,paused,health,status,last_exec) VALUES (?,?,?,?,?,0,'Up',1,?)",
                    (i, f'bench-spread-{i}.sh', 'bench', now.isoformat(' '), 'None', now.isoformat(' ')))
    # a history, as a running install has: 100 runs per script
    for k in range(100):
        for i in range(1, scripts + 1):
            con.execute("INSERT INTO runs (script_id, at, signal, exit_code, duration_ms, output, remote_address) VALUES (?,?,?,?,?,?,?)",
                        (i, now.isoformat(' '), 'Success', None, None, None, '127.0.0.1'))
    con.execute('COMMIT')
    con.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    status = {}
    t = now
    for b in range(reports // batch):
        con.execute('BEGIN')
        for r in range(batch):
            sid = 1 if hot else random.randint(1, scripts)
            st = 1 - status.get(sid, 1); status[sid] = st
            t += datetime.timedelta(microseconds=137)
            at = t.strftime('%Y-%m-%d %H:%M:%S.%f')
            health = 'Up' if st else 'Down'
            con.execute('UPDATE scripts SET health=?, status=?, last_exec=? WHERE id=?', (health, st, at, sid))
            con.execute("INSERT INTO runs (script_id, at, signal, exit_code, duration_ms, output, remote_address) VALUES (?,?,?,?,?,?,?)",
                        (sid, at, 'Success' if st else 'Failure', None, None, None, '127.0.0.1'))
            if variant != 'no-flips':
                con.execute("INSERT INTO flips (script_id, at, from_state, to_state, reason) VALUES (?,?,?,?,?)",
                            (sid, at, 'Down' if st else 'Up', 'Up' if st else 'Down', 'reported success' if st else 'reported failure'))
        con.execute('COMMIT')
    frames = (os.path.getsize(path + '-wal') - 32) / (4096 + 24)
    con.close()
    for ext in ('', '-wal', '-shm'):
        if os.path.exists(path + ext): os.remove(path + ext)
    print(f'{variant:22s} hot={hot} batch={batch}: {frames / reports:6.2f} WAL pages per report ({frames * 4120 / reports / 1024:5.1f} KiB)')
for v in sys.argv[2:]:
    hot = v.endswith('+hot'); v = v.replace('+hot', '')
    run(v, hot=hot)
