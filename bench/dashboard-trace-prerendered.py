#!/usr/bin/env python3
"""The prerendered page's own rendering in a trace from bench/dashboard.sh (SCALE_TRACE=FILE): on the page's main
thread, from navigation start to DOMContentLoaded (before Blazor starts and rebuilds the page), each style
recalculation and layout over 1 ms (wall ms, thread CPU ms, elements or objects) and the thread CPU of style, layout,
paint and stylesheet parsing in all. Thread CPU (tdur), not wall time, which a busy machine inflates.

    python3 bench/dashboard-trace-prerendered.py TRACE.json ...
"""
import json
import sys
from collections import defaultdict

for path in sys.argv[1:]:
    data = json.load(open(path))
    events = data["traceEvents"] if isinstance(data, dict) else data
    parse = defaultdict(float)
    for e in events:
        if e.get("name") == "ParseHTML" and e.get("ph") == "X":
            parse[(e["pid"], e["tid"])] += e.get("dur", 0)
    main = max(parse, key=parse.get)
    on_main = [e for e in events if (e.get("pid"), e.get("tid")) == main]
    nav = min((e["ts"] for e in on_main if e.get("name") == "navigationStart"), default=min(e["ts"] for e in on_main if e.get("ts")))
    # The last navigationStart's document: DOMContentLoaded of the page (its EventDispatch), else its mark.
    dcl = min((e["ts"] for e in on_main if e.get("name") == "EventDispatch" and e.get("args", {}).get("data", {}).get("type") == "DOMContentLoaded"),
              default=None)
    passes, total = [], defaultdict(float)
    for e in sorted(on_main, key=lambda e: e.get("ts", 0)):
        if e.get("ph") != "X" or (dcl is not None and e["ts"] > dcl):
            continue
        name = e.get("name")
        if name in ("UpdateLayoutTree", "Layout", "Paint", "ParseAuthorStyleSheet"):
            cpu = e.get("tdur", e.get("dur", 0)) / 1000
            total[name] += cpu
            if name in ("UpdateLayoutTree", "Layout") and e.get("dur", 0) > 1000:
                size = e.get("args", {}).get("elementCount") or e.get("args", {}).get("beginData", {}).get("dirtyObjects")
                passes.append(f"{'style' if name == 'UpdateLayoutTree' else 'layout'} at {(e['ts'] - nav) / 1000:.0f} ms: {cpu:.1f} ms CPU, {size}")
    print(f"{path.split('/')[-1]}: until DOMContentLoaded ({(dcl - nav) / 1000 if dcl else float('nan'):.0f} ms): style {total['UpdateLayoutTree']:.1f}, "
          f"layout {total['Layout']:.1f}, paint {total['Paint']:.1f}, stylesheets parsed {total['ParseAuthorStyleSheet']:.1f} ms CPU "
          f"(sum {sum(total.values()):.1f})")
    for p in passes:
        print(f"    {p}")
