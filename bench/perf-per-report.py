"""Microseconds of server CPU per report, by what the samples were in, from a `perf script` text of
bench/profile-write.sh (PROFILER=perf KEEP_TRACE=...): each sample is 250 us of one thread; the count of samples whose
stack holds a frame, times 250 us, divided by the reports acknowledged while perf recorded (the reports/s that
profile-write.sh printed times DURATION). Inclusive: a row counts every sample with that frame anywhere on its stack
(kernel rows: the system call it was in). The tiered-compilation thread is left out. bench/README.md, "Eighth pass".
Usage: python3 bench/perf-per-report.py PERF_TXT REPORTS_PER_S [SECONDS (8)]
"""
import sys

path, rate = sys.argv[1], float(sys.argv[2])
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 8
samples, current = [], None
for line in open(path, errors='replace'):
    if line.strip() and not line[0].isspace():
        current = [line, []]
        samples.append(current)
    elif line.strip() and current:
        current[1].append(line.strip())
samples = [s for s in samples if s[1] and 'Tiered Com' not in s[0]]
reports = rate * seconds
stack = lambda s: ' | '.join(s[1])
syscall = lambda *names: lambda s: any(f'__x64_sys_{n}' in stack(s) for n in names)
rows = [
    ('all samples', lambda s: True),
    ('kernel (innermost frame)', lambda s: '[kernel.kallsyms]' in s[1][0]),
    ('  pwrite64 (WAL appends, checkpoint copies)', syscall('pwrite64')),
    ('  pread64 (pages not in a connection\'s cache)', syscall('pread64')),
    ('  fsync (the upkeep\'s syncs)', syscall('fsync', 'fdatasync')),
    ('  sockets (sendto, recvfrom, epoll_wait)', syscall('sendto', 'recvfrom', 'epoll_wait')),
    ('  sched_yield, futex (idle pool threads, wake-ups)', syscall('sched_yield', 'futex')),
    ('  page faults (of which in malloc\'s sysmalloc below)', lambda s: 'exc_page_fault' in stack(s)),
    ('    in sysmalloc (the C heap grown again after a trim)', lambda s: 'exc_page_fault' in stack(s) and 'sysmalloc' in stack(s)),
    ('SQLite native (innermost frame)', lambda s: 'libe_sqlite3' in s[1][0]),
    ('  pcache1TruncateUnsafe (a page cache emptied or cut)', lambda s: 'pcache1TruncateUnsafe' in s[1][0]),
    ('notification planner (managed frames)', lambda s: 'NotificationPlanner' in stack(s) or 'Scripto.Core.Notifications' in stack(s)),
    ('ScriptWriter.Commit (managed frames)', lambda s: 'ScriptWriter::Commit' in stack(s)),
    ('ScriptColumns.Read', lambda s: 'ScriptColumns::Read' in stack(s)),
    ('Kestrel (managed frames)', lambda s: 'Kestrel' in stack(s)),
    ('GC threads', lambda s: 'Server GC' in s[0]),
]
print(f'{len(samples)} samples, {reports:.0f} reports')
for name, test in rows:
    print(f'{name:55s} {sum(1 for s in samples if test(s)) * 250 / reports:7.1f} us/report')
