#!/usr/bin/env python3
"""What asked for each style recalculation and layout of the page's main thread, from a trace recorded with Chromium's
invalidation tracking (bench/dashboard.sh with SCALE_TRACE=FILE SCALE_TRACE_INVALIDATIONS=1): each UpdateLayoutTree
(style) and Layout over MIN_MS, with the elements it touched, and the invalidations recorded since the one before it,
grouped by kind, reason and node (StyleRecalcInvalidationTracking, ScheduleStyleInvalidationTracking,
StyleInvalidatorInvalidationTracking, LayoutInvalidationTracking), ms since navigation start.

    python3 bench/dashboard-trace-invalidations.py TRACE.json [MIN_MS=5] [UNTIL_MS=2000] [TOP=8]
"""
import json
import sys
from collections import Counter, defaultdict

path = sys.argv[1]
min_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
until_ms = float(sys.argv[3]) if len(sys.argv) > 3 else 2000.0
top = int(sys.argv[4]) if len(sys.argv) > 4 else 8
data = json.load(open(path))
events = data["traceEvents"] if isinstance(data, dict) else data

# The page's main thread: the one that parsed the most HTML (as bench/dashboard-trace.py).
parse = defaultdict(float)
for e in events:
    if e.get("name") == "ParseHTML" and e.get("ph") == "X":
        parse[(e["pid"], e["tid"])] += e.get("dur", 0)
main = max(parse, key=parse.get)
nav = min((e["ts"] for e in events if e.get("name") == "navigationStart" and (e["pid"], e["tid"]) == main), default=None)
if nav is None:
    nav = min(e["ts"] for e in events if (e.get("pid"), e.get("tid")) == main and e.get("ts"))
ms = lambda ts: (ts - nav) / 1000

kinds = ("StyleRecalcInvalidationTracking", "ScheduleStyleInvalidationTracking", "StyleInvalidatorInvalidationTracking",
         "LayoutInvalidationTracking", "ScheduleStyleRecalculation")
inval = sorted((e for e in events if e.get("name") in kinds and e.get("pid") == main[0]), key=lambda e: e["ts"])
work = sorted((e for e in events if (e.get("pid"), e.get("tid")) == main and e.get("ph") == "X" and
               e.get("name") in ("UpdateLayoutTree", "Layout") and "dur" in e), key=lambda e: e["ts"])


def describe(e):
    d = e.get("args", {}).get("data", {})
    reason = d.get("reason") or d.get("invalidationSet", {}) and "invalidation set" or ""
    extra = d.get("extraData") or d.get("selectors") or d.get("changedClass") or d.get("changedAttribute") or d.get("changedId") or d.get("changedPseudo") or ""
    if isinstance(extra, list):
        extra = ",".join(str(x.get("selector", x)) if isinstance(x, dict) else str(x) for x in extra[:3])
    node = d.get("nodeName") or ""
    stack = d.get("stackTrace") or []
    where = f" @ {stack[0].get('functionName', '')} {stack[0].get('url', '')[-40:]}:{stack[0].get('lineNumber', '')}" if stack else ""
    return f"{e['name'].replace('InvalidationTracking', '')}: {reason} {extra} [{node}]{where}".replace("  ", " ")


i = 0
for w in work:
    while i < len(inval) and inval[i]["ts"] < w["ts"]:
        i += 1
    start = ms(w["ts"])
    if start > until_ms:
        break
    dur = w["dur"] / 1000
    # All invalidations since the last work of the same kind.
    prev = [x for x in work if x["name"] == w["name"] and x["ts"] < w["ts"]]
    since = prev[-1]["ts"] + prev[-1]["dur"] if prev else 0
    if dur < min_ms:
        continue
    d = w.get("args", {}).get("elementCount") or w.get("args", {}).get("beginData", {}).get("dirtyObjects", "")
    counts = Counter(describe(x) for x in inval if since <= x["ts"] < w["ts"] and
                     (("Layout" in x["name"]) == (w["name"] == "Layout")))
    total = sum(counts.values())
    print(f"{start:8.1f}  {w['name']} {dur:.1f} ms ({d}) after {total} invalidations:")
    for text, n in counts.most_common(top):
        print(f"            {n:5d} × {text}")
