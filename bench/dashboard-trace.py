#!/usr/bin/env python3
"""Summarises a Chrome trace of one page load (bench/dashboard.sh with SCALE_TRACE=FILE): the page's main thread from
navigation start on, ms since then: each task over MIN_MS with the work inside it (parsing HTML or a stylesheet,
compiling and running a script, style and layout, paint), the resources' requests and finishes, and the page's marks.

    python3 bench/dashboard-trace.py TRACE.json [MIN_MS=2] [UNTIL_MS=1500]
"""
import json
import sys
from collections import defaultdict

path = sys.argv[1]
min_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
until_ms = float(sys.argv[3]) if len(sys.argv) > 3 else 1500.0
data = json.load(open(path))
events = data["traceEvents"] if isinstance(data, dict) else data

# The renderer's main thread of the page: the one that ran the navigation's document (CrRendererMain that parsed HTML).
names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("ph") == "M" and e.get("name") == "thread_name"}
parse_threads = defaultdict(float)
for e in events:
    if e.get("name") == "ParseHTML" and e.get("ph") == "X":
        parse_threads[(e["pid"], e["tid"])] += e.get("dur", 0)
main = max(parse_threads, key=parse_threads.get)
nav = min((e["ts"] for e in events if e.get("name") == "navigationStart" and (e["pid"], e["tid"]) == main), default=None)
if nav is None:
    nav = min(e["ts"] for e in events if (e.get("pid"), e.get("tid")) == main and e.get("ts"))
ms = lambda ts: (ts - nav) / 1000

print(f"main thread: {names.get(main, main)}; ms since navigation start")
marks = [e for e in events if (e.get("pid"), e.get("tid")) == main and e.get("ph") in ("R", "I", "n", "b") and
         e.get("name") in ("navigationStart", "domLoading", "domInteractive", "domContentLoadedEventStart",
                           "domContentLoadedEventEnd", "firstPaint", "firstContentfulPaint", "largestContentfulPaint::Candidate",
                           "MarkDOMContent", "MarkLoad", "firstMeaningfulPaint")]
for e in sorted(marks, key=lambda e: e["ts"]):
    print(f"{ms(e['ts']):8.1f}  mark {e['name']}")

# Resources: when the request went out and when it finished (any thread: the network service runs elsewhere).
urls = {}
for e in sorted(events, key=lambda e: e.get("ts", 0)):
    d = e.get("args", {}).get("data", {})
    if e.get("name") == "ResourceSendRequest":
        urls[d.get("requestId")] = d.get("url", "")
        print(f"{ms(e['ts']):8.1f}  request  {d.get('url', '')[-70:]} ({d.get('priority', '')}{', render-blocking: ' + d['renderBlocking'] if 'renderBlocking' in d else ''})")
    elif e.get("name") == "ResourceReceiveResponse":
        print(f"{ms(e['ts']):8.1f}  response {urls.get(d.get('requestId'), '?')[-70:]} {d.get('statusCode', '')} {'from cache' if d.get('fromCache') else ''} {d.get('encodedDataLength', '')} B")
    elif e.get("name") == "ResourceFinish":
        print(f"{ms(e['ts']):8.1f}  finish   {urls.get(d.get('requestId'), '?')[-70:]} {d.get('decodedBodyLength', '')} B decoded")

# The main thread's tasks and what is inside each (complete events, nested by time).
work = sorted((e for e in events if (e.get("pid"), e.get("tid")) == main and e.get("ph") == "X" and "dur" in e),
              key=lambda e: (e["ts"], -e["dur"]))
tasks = [e for e in work if e["name"] in ("RunTask", "ThreadControllerImpl::RunTask")]
inner_names = {"ParseHTML", "ParseAuthorStyleSheet", "EvaluateScript", "v8.compile", "v8.run", "v8.compileModule",
               "UpdateLayoutTree", "Layout", "Paint", "PrePaint", "Layerize", "HitTest", "FunctionCall", "EventDispatch",
               "TimerFire", "FireAnimationFrame", "V8.GCScavenger", "MajorGC", "MinorGC", "V8.GC_MARK_COMPACTOR",
               "ScheduleStyleRecalculation", "RecalculateStyles", "v8.produceCache", "v8.consumeCache", "CommitLoad",
               "ResourceReceivedData", "XHRLoad", "ProfileCall", "BlinkGC.AtomicPhase", "UpdateLayerTree"}
totals = defaultdict(float)
print("\nmain-thread tasks over", min_ms, "ms (start, length; inside: the longest work)")
for t in tasks:
    start, end = t["ts"], t["ts"] + t["dur"]
    if ms(end) < 0 or ms(start) > until_ms:
        continue
    inside = [e for e in work if start <= e["ts"] < end and e is not t and e["name"] in inner_names]
    for e in inside:
        # count only outermost of each kind (a compile inside a run counts in both, as DevTools shows it)
        totals[e["name"]] += e["dur"] / 1000 if not any(o is not e and o["name"] == e["name"] and o["ts"] <= e["ts"] and e["ts"] + e["dur"] <= o["ts"] + o["dur"] for o in inside) else 0
    if t["dur"] / 1000 < min_ms:
        continue
    parts = defaultdict(float)
    for e in inside:
        detail = e["name"]
        d = e.get("args", {}).get("data", {})
        if e["name"] in ("EvaluateScript", "v8.compile"):
            detail += " " + (d.get("url") or e.get("args", {}).get("fileName", "") or "")[-40:]
        elif e["name"] == "ParseAuthorStyleSheet":
            detail += " " + (d.get("styleSheetUrl") or "")[-40:]
        elif e["name"] in ("FunctionCall", "EventDispatch", "TimerFire"):
            detail += " " + (d.get("functionName") or d.get("type") or "")[:40]
        parts[detail] = max(parts[detail], e["dur"] / 1000)
    top = sorted(parts.items(), key=lambda kv: -kv[1])[:4]
    print(f"{ms(start):8.1f} {t['dur'] / 1000:7.1f}  " + "; ".join(f"{k} {v:.1f}" for k, v in top))

print("\ntotals on the main thread to", until_ms, "ms (ms):", ", ".join(f"{k} {v:.1f}" for k, v in sorted(totals.items(), key=lambda kv: -kv[1]) if v >= 1))
