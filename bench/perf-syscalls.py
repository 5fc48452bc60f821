"""Syscalls per report from a `perf trace -s` summary (PROFILER=syscalls KEEP_TRACE=... bench/profile-write.sh):
calls and time summed over all the server's threads, divided by the answers it sent (`sendto`, one per report on
keep-alive connections) or by REPORTS if given (bench/README.md, "Tenth pass").

Usage: python3 bench/perf-syscalls.py TRACE [REPORTS]
"""
import re, sys

calls, msec = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r'\s+(\w+)\s+(\d+)\s+\d+\s+([\d.]+)\s', line)
    if m and m.group(1) != 'syscall':
        calls[m.group(1)] = calls.get(m.group(1), 0) + int(m.group(2))
        msec[m.group(1)] = msec.get(m.group(1), 0.0) + float(m.group(3))
reports = int(sys.argv[2]) if len(sys.argv) > 2 else calls.get('sendto', 0)
if not reports: sys.exit('no sendto in the trace: give REPORTS')
print(f'per report ({reports:,} {"given" if len(sys.argv) > 2 else "sendto"}):')
for name in sorted(calls, key=lambda n: -calls[n])[:12]:
    print(f'  {name:16s} {calls[name] / reports:7.2f} calls  {msec[name] * 1000 / reports:8.1f} µs (waits included)')
