"""Pages of each table and index of a Scripto database (SQLite's dbstat, read-only, the WAL included): where a
report's pages lie, e.g. at 100,000 v2 scripts against the writer's cache (bench/README.md, "Tenth pass").

Usage: python3 bench/wal-pages-tables.py SCRIPTO_DB [ROWS]
"""
import sqlite3, sys

con = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True)
size = con.execute('PRAGMA page_size').fetchone()[0]
count = con.execute('PRAGMA page_count').fetchone()[0]
print(f'page size {size}, {count:,} pages, {count * size / 2**20:.1f} MiB')
for name, pages, leaves in con.execute("SELECT name, count(*), sum(pagetype = 'leaf') FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT ?",
                                       (int(sys.argv[2]) if len(sys.argv) > 2 else 15,)):
    print(f'{name:40s} {pages:8,} pages {pages * size / 2**20:7.1f} MiB ({leaves:,} leaves)')
