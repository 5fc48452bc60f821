"""How long a checkpoint run by the writer between two batches holds it back, on this machine's disk.

  python3 bench/checkpoint-stall.py MODE RESIDUAL_BATCHES LOG_BATCHES [DIR]

Fills a WAL-mode SQLite file (synchronous=NORMAL, automatic checkpoints off, as Scripto runs it) with LOG_BATCHES
commits of 5 reports (an UPDATE of a script row and an INSERT into an indexed run history each), copies the log back
with a PASSIVE checkpoint from a second connection (StorageUpkeep's), commits RESIDUAL_BATCHES more, then times
`PRAGMA wal_checkpoint(MODE)` on the writing connection (the writer's stall) and the next commit.
MODE: PASSIVE (the log starts over in its file) or TRUNCATE (the file is emptied too).
"""
import os
import sqlite3
import sys
import tempfile
import time

mode, residual, log_batches = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
folder = tempfile.mkdtemp(dir=sys.argv[4] if len(sys.argv) > 4 else None)
path = os.path.join(folder, "stall.db")
writer = sqlite3.connect(path, isolation_level=None)
writer.execute("PRAGMA journal_mode=WAL")
writer.execute("PRAGMA synchronous=NORMAL")
writer.execute("PRAGMA wal_autocheckpoint=0")
writer.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, script_id INT, at TEXT, output TEXT)")
writer.execute("CREATE INDEX ix_runs ON runs (script_id, id)")
writer.execute("CREATE TABLE scripts (id INTEGER PRIMARY KEY, status INT, last TEXT)")
writer.executemany("INSERT INTO scripts VALUES (?, 0, '')", [(i,) for i in range(1000)])
other = sqlite3.connect(path, isolation_level=None)


def commit(batches):
    for b in range(batches):
        writer.execute("BEGIN IMMEDIATE")
        for k in range(5):
            script = (b * 5 + k) % 1000
            writer.execute("UPDATE scripts SET status = ?, last = ? WHERE id = ?", (b % 2, str(time.time()), script))
            writer.execute("INSERT INTO runs (script_id, at) VALUES (?, ?)", (script, str(time.time())))
        writer.execute("COMMIT")


commit(log_batches)
wal = path + "-wal"
print(f"log {os.path.getsize(wal) / 2**20:.1f} MiB after {log_batches} batches")
other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
commit(residual)
start = time.perf_counter()
busy, log, copied = writer.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
stall = (time.perf_counter() - start) * 1000
start = time.perf_counter()
commit(1)
print(f"checkpoint.{mode.lower()}_stall_ms {stall:.1f} (pages in the log {log}, copied {copied}; file after "
      f"{os.path.getsize(wal) / 2**20:.1f} MiB); next commit {(time.perf_counter() - start) * 1000:.1f} ms")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(path + suffix):
        os.remove(path + suffix)
os.rmdir(folder)
