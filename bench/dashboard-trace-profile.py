#!/usr/bin/env python3
"""V8's sampling profile of the page's main thread in a trace taken with SCALE_TRACE=FILE SCALE_TRACE_CPU=1
(bench/dashboard.sh): the JavaScript functions that ran between FROM_MS and UNTIL_MS after navigation start, by self
time and by total time (the function and what it called), each with its script and line:column.

    python3 bench/dashboard-trace-profile.py TRACE.json [FROM_MS=0] [UNTIL_MS=1e9] [TOP=25]
"""
import json
import sys
from collections import defaultdict

path = sys.argv[1]
from_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
until_ms = float(sys.argv[3]) if len(sys.argv) > 3 else 1e9
top = int(sys.argv[4]) if len(sys.argv) > 4 else 25
data = json.load(open(path))
events = data["traceEvents"] if isinstance(data, dict) else data

# The page's main thread and its navigation start, as bench/dashboard-trace.py finds them, so the windows match.
parse = defaultdict(float)
for e in events:
    if e.get("name") == "ParseHTML" and e.get("ph") == "X":
        parse[(e["pid"], e["tid"])] += e.get("dur", 0)
main = max(parse, key=parse.get)
nav = min(e["ts"] for e in events if e.get("name") == "navigationStart" and (e["pid"], e["tid"]) == main)

# Profile (start time, per thread) and its ProfileChunks (nodes, samples, time deltas), joined by id.
profiles = {e["id"]: e for e in events if e.get("name") == "Profile" and (e["pid"], e["tid"]) == main}
if not profiles:
    sys.exit("no V8 profile on the page's main thread: trace with SCALE_TRACE_CPU=1")
nodes, parent, samples = {}, {}, []
for pid, p in profiles.items():
    t = p["args"]["data"]["startTime"]
    for c in sorted((e for e in events if e.get("name") == "ProfileChunk" and e.get("id") == pid), key=lambda e: e["ts"]):
        d = c["args"]["data"]
        prof = d.get("cpuProfile", {})
        for n in prof.get("nodes", []):
            nodes[(pid, n["id"])] = n["callFrame"]
            if "parent" in n:
                parent[(pid, n["id"])] = (pid, n["parent"])
        for s, dt in zip(prof.get("samples", []), d.get("timeDeltas", [])):
            t += dt
            samples.append((t, (pid, s)))
samples.sort()

def label(key):
    f = nodes.get(key, {})
    url = f.get("url", "").rsplit("/", 1)[-1]
    return f"{f.get('functionName') or '(anonymous)'} {url}:{f.get('lineNumber', -1) + 1}:{f.get('columnNumber', -1) + 1}"

self_ms, total_ms = defaultdict(float), defaultdict(float)
prev = None
for t, key in samples:
    if prev is not None:
        start_ms = (prev[0] - nav) / 1000
        dt = (t - prev[0]) / 1000
        if from_ms <= start_ms < until_ms:
            k = prev[1]
            self_ms[label(k)] += dt
            seen = set()
            while k in nodes:
                lab = label(k)
                if lab not in seen:
                    total_ms[lab] += dt
                    seen.add(lab)
                k = parent.get(k)
    prev = (t, key)

print(f"V8 samples on the main thread, {from_ms:.0f}-{until_ms:.0f} ms after navigation start")
print("self ms  function script:line:column")
for k, v in sorted(self_ms.items(), key=lambda kv: -kv[1])[:top]:
    print(f"{v:7.1f}  {k}")
print("\ntotal ms function script:line:column")
for k, v in sorted(total_ms.items(), key=lambda kv: -kv[1])[:top]:
    print(f"{v:7.1f}  {k}")
