"""Splits a `perf script` text of the server (bench/profile-write.sh PROFILER=perf KEEP_TRACE=...) by who runs:
the writer, the requests, the planner, the upkeep (bench/README.md, "Seventh pass"). Every pool thread is named
".NET TP Worker" and native SQLite stacks do not unwind to their managed caller, so a sample without a recognisable
frame goes to the same thread's nearest recognised sample within 2 ms. Prints the writer's cores per 100 ms.
Usage: python3 bench/perf-by-role.py PERF_TXT
"""
import sys, collections, bisect
samples=[];cur=None
for line in open(sys.argv[1],errors='replace'):
    if line and not line[0].isspace() and line.strip():
        parts=line.split()
        for i,p in enumerate(parts):
            if p.endswith(':') and p[:-1].replace('.','').isdigit(): t=float(p[:-1]); tid=parts[i-1]; name=' '.join(parts[:i-1]); break
        cur=[t,tid,name,[]]; samples.append(cur)
    elif line.strip() and cur: cur[3].append(line.strip())
def cat(st):
    j=' | '.join(st)
    if 'ScriptWriter+<RunAsync>' in j or 'ScriptWriter::Commit' in j or 'ScriptWriter::RunTruncate' in j:
        return 'writer-trunc' if 'RunTruncate' in j else 'writer'
    if 'NotificationPlanner' in j or 'Scripto.Core.Notifications' in j: return 'planner'
    if 'StorageUpkeep' in j or 'DatabaseFileSync' in j: return 'upkeep'
    if 'TimeWorker' in j: return 'timeworker'
    if 'Kestrel' in j or 'AspNetCore' in j or 'Scripto.Web' in j: return 'requests'
    if 'Tiered' in j: return 'jit'
    return None
bytid=collections.defaultdict(list)
for s in samples:
    s.append(cat(s[3])); bytid[s[1]].append(s)
for tid,L in bytid.items():
    L.sort()
    known=[(s[0],s[4]) for s in L if s[4]]
    times=[k[0] for k in known]
    for s in L:
        if s[4] is None:
            i=bisect.bisect_left(times,s[0]); best=None
            for j in (i-1,i):
                if 0<=j<len(known) and abs(known[j][0]-s[0])<0.002:
                    if best is None or abs(known[j][0]-s[0])<abs(best[0]-s[0]): best=known[j]
            s[4]=(best[1]+'~') if best else 'unknown'
t0=min(s[0] for s in samples); t1=max(s[0] for s in samples); span=t1-t0
c=collections.Counter(s[4].rstrip('~') for s in samples)
print('span %.2f'%span)
for k,v in c.most_common(): print('%6.1f %%  %.2f cores %s'%(100*v/len(samples), v/span/4000, k))
# writer cores per 100ms window
w=collections.Counter(int((s[0]-t0)*10) for s in samples if s[4].startswith('writer'))
print('writer per 100ms (cores):', ' '.join('%.2f'%(w[i]/400) for i in range(int(span*10))))
ws=[s for s in samples if s[4].startswith('writer')]
sub=collections.Counter()
for s in ws:
    j=' | '.join(s[3]); k='managed/other'
    for key,name in [('pcache1Truncate','pcache1Truncate (cache reset)'),('pager_reset','pager_reset'),('pread','pread'),('filemap_get','pread(kernel)'),('_copy_to_iter','pread(kernel copy)'),('walFindFrame','walFindFrame'),('pwrite','pwrite'),('walChecksum','wal checksum'),('fsync','fsync'),('fdatasync','fsync'),('sched_yield','sched_yield'),('futex','futex'),('libe_sqlite3','sqlite other')]:
        if key in j: k=name; break
    sub[k]+=1
for k,v in sub.most_common(): print('   %5.1f %% of writer  %s'%(100*v/len(ws),k))
