#!/usr/bin/env python3
"""Diffs two /proc/<pid>/smaps snapshots of the server by kind of mapping: python3 bench/dashboard-smaps.py BEFORE AFTER PAGES.
Take them during bench/dashboard.sh with MEMORY_HOLD_S (no dashboard open, then PAGES open); see bench/README.md."""
import re, sys, collections
def load(p):
    agg = collections.Counter(); cur = None
    for line in open(p):
        m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$', line)
        if m:
            start, end, perms, name = int(m[1],16), int(m[2],16), m[3], m[4].strip()
            size = end - start
            if 'doublemapper' in name: kind = 'JIT code (memfd:doublemapper)'
            elif name.startswith('/'): kind = 'mapped files'
            elif name == '[heap]': kind = 'malloc main arena ([heap])'
            elif name.startswith('['): kind = name
            elif size >= 1 << 30: kind = 'GC heap (its reserved range)'
            elif start % (64 << 20) == 0 and size <= 64 << 20: kind = 'malloc thread arenas (64 MB aligned)'
            elif size in (8 << 20, (8 << 20) - 4096, 1536 << 10): kind = 'thread stacks'
            else: kind = 'other anonymous (' + perms + ')'
            cur = kind
        elif line.startswith('Rss:') and cur:
            agg[cur] += int(line.split()[1])
    return agg
a, b = load(sys.argv[1]), load(sys.argv[2]); pages = int(sys.argv[3])
for k in sorted(set(a)|set(b), key=lambda k: -(b[k]-a[k])):
    d = b[k]-a[k]
    print(f"{k:40s} {a[k]/1024:8.1f} -> {b[k]/1024:8.1f} MB  {d/1024/pages:+.3f} MB/page")
print(f"{'total':40s} {sum(a.values())/1024:8.1f} -> {sum(b.values())/1024:8.1f} MB  {(sum(b.values())-sum(a.values()))/1024/pages:+.3f} MB/page")
