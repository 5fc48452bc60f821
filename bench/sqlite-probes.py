"""Which SQLite connection empties its page cache, from uprobes on the e_sqlite3 library a published build carries
(bench/README.md, "Eighth pass"). Each connection has its own pager; the writer's is the one that ends the most
write transactions. Set up, run, clean up:

  L=$APP_DIR/runtimes/linux-x64/native/libe_sqlite3.so
  perf probe -x $L -a 'pager_reset p=%di:u64'; perf probe -x $L -a 'pager_end_transaction p=%di:u64'
  PERF_EVENTS="-e probe_libe_sqlite3:pager_reset -e probe_libe_sqlite3:pager_end_transaction --call-graph dwarf,8192" \
    MODE=v2 PROFILER=perf WARMUP=15 DURATION=3 KEEP_TRACE=/tmp/probes.txt bash bench/profile-write.sh 16
  perf probe -d 'probe_libe_sqlite3:*'
  python3 bench/sqlite-probes.py /tmp/probes.txt
"""
import collections, re, sys

ends, resets = collections.Counter(), collections.defaultdict(collections.Counter)
for block in open(sys.argv[1], errors='replace').read().split('\n\n'):
    m = re.search(r'probe_libe_sqlite3:(\w+):.*?p=(\S+)', block)
    if not m: continue
    frames = [re.sub(r'^\s*[0-9a-f]+\s+', '', l).split('+0x')[0] for l in block.split('\n')[1:] if l.strip()]
    if m.group(1) == 'pager_end_transaction': ends[m.group(2)] += 1
    elif m.group(1) == 'pager_reset': resets[m.group(2)][' < '.join(frames[1:3])] += 1
writer = ends.most_common(1)[0][0] if ends else None
print('write transactions ended, by pager:', ', '.join(f'{p}: {n}' for p, n in ends.most_common(4)))
print(f'the writer\'s pager (most write transactions): {writer}, emptied {sum(resets[writer].values())} times')
for pager, why in sorted(resets.items(), key=lambda x: -sum(x[1].values()))[:8]:
    print(f'  {pager}{" (writer)" if pager == writer else ""}: {sum(why.values())} resets, from {dict(why)}')
