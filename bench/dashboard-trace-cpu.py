#!/usr/bin/env python3
# Thread CPU time (each event's tdur: not the wall time, which a busy machine inflates) of the page's main thread in a
# trace from SCALE_TRACE (bench/dashboard.sh), summed per kind of work, plus blazor.web.js's share: its evaluation,
# V8's lazy compiles, the DOMContentLoaded handler. Usage: python3 bench/dashboard-trace-cpu.py <trace.json> ...
import json,sys
from collections import defaultdict
# Thread CPU time (tdur: not the wall time, so the machine's load does not inflate it) of the measured page's main
# thread, per kind of work, over the whole trace of one first render.
names=('Layout','UpdateLayoutTree','Paint','ParseHTML','FunctionCall','EvaluateScript','ParseAuthorStyleSheet','RunTask')
print('trace'.ljust(12), ''.join(n[:14].rjust(15) for n in names))
for f in sys.argv[1:]:
    d=json.load(open(f)); ev=d['traceEvents'] if isinstance(d,dict) else d
    by=defaultdict(list)
    for e in ev:
        if e.get('ph')=='X' and e.get('name') in names: by[(e['pid'],e['tid'])].append(e)
    key=max(by,key=lambda k: sum(e.get('dur',0) for e in by[k] if e['name']=='Layout'))
    tot=defaultdict(float)
    for e in by[key]:
        tot[e['name']]+=e.get('tdur',0)/1000
    print(f.split('/')[-1][:12].ljust(12), ''.join(f"{tot[n]:15.1f}" for n in names))

# blazor.web.js's work on the same thread
for f in sys.argv[1:]:
    d=json.load(open(f)); ev=d['traceEvents'] if isinstance(d,dict) else d
    ev=[e for e in ev if e.get('ph')=='X']
    main=[e for e in ev if e.get('name')=='EvaluateScript' and 'blazor.web' in e.get('args',{}).get('data',{}).get('url','')]
    if not main: print(f,'no blazor eval'); continue
    pid,tid=main[0]['pid'],main[0]['tid']
    t=defaultdict(float)
    for e in ev:
        if e['pid']!=pid or e['tid']!=tid: continue
        n=e['name']; a=e.get('args',{}).get('data',{})
        if n=='EvaluateScript' and 'blazor.web' in a.get('url',''): t['eval blazor.web.js']+=e.get('tdur',0)/1000
        if n=='V8.CompileCode' or n=='V8.CompileLazy': t['lazy compile ('+n+')']+=e.get('tdur',0)/1000
        if n=='FunctionCall' and a.get('functionName')=='i.onmessage': t['socket messages']+=e.get('tdur',0)/1000
        if n=='EventDispatch' and a.get('type')=='DOMContentLoaded': t['DOMContentLoaded']+=e.get('tdur',0)/1000
        if n=='v8.produceCache': t['produce cache']+=e.get('tdur',0)/1000
        if n=='v8.compile': t['v8.compile']+=e.get('tdur',0)/1000
    print(f.split('/')[-1], {k:round(v,1) for k,v in sorted(t.items())})
