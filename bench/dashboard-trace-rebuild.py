#!/usr/bin/env python3
# The circuit's rebuild of the prerendered page in a trace from SCALE_TRACE (bench/dashboard.sh), by thread CPU (tdur):
# the longest task running a blazor.web.js message handler, the first rendering task after it (style, layout, paint),
# and the prerendered page's first task with a layout. Usage: python3 bench/dashboard-trace-rebuild.py <trace.json> ...
import json,sys
from collections import defaultdict
for f in sys.argv[1:]:
    d=json.load(open(f)); ev=d['traceEvents'] if isinstance(d,dict) else d
    ev=[e for e in ev if e.get('ph')=='X']
    pt=defaultdict(float)
    for e in ev:
        if e['name']=='ParseHTML': pt[(e['pid'],e['tid'])]+=e.get('dur',0)
    main=max(pt,key=pt.get)
    m=sorted([e for e in ev if (e['pid'],e['tid'])==main],key=lambda e:e['ts'])
    tasks=[e for e in m if e['name']=='RunTask']
    def inside(t):
        return [e for e in m if e['ts']>=t['ts'] and e['ts']+e.get('dur',0)<=t['ts']+t.get('dur',0) and e is not t]
    # socket message tasks: contain a FunctionCall whose functionName ends with onmessage
    msgs=[]
    for t in tasks:
        ins=inside(t)
        if any(e['name']=='FunctionCall' and 'blazor.web' in e.get('args',{}).get('data',{}).get('url','') and e.get('args',{}).get('data',{}).get('functionName','') in ('','i.onmessage') for e in ins):
            msgs.append((t,ins))
    if not msgs: print(f,'no message tasks'); continue
    big=max(msgs,key=lambda x:x[0].get('tdur',0))
    t,ins=big
    after=[x for x in tasks if x['ts']>t['ts']]
    rend=None
    for x in after[:30]:
        s=inside(x)
        if any(e['name']=='Layout' for e in s): rend=(x,s); break
    cpu=lambda s,n: sum(e.get('tdur',0) for e in s if e['name']==n)/1000
    first=None
    for x in tasks:
        s=inside(x)
        if cpu(s,'Layout')>1: first=(x,s); break
    out=f"{f.split('/')[-1]}: messages {len(msgs)}, rebuild batch task cpu {t.get('tdur',0)/1000:.1f} ms (style {cpu(ins,'UpdateLayoutTree'):.1f}, layout {cpu(ins,'Layout'):.1f}, GC {cpu(ins,'MinorGC'):.1f})"
    if rend: out+=f"; next frame cpu {rend[0].get('tdur',0)/1000:.1f} (style {cpu(rend[1],'UpdateLayoutTree'):.1f}, layout {cpu(rend[1],'Layout'):.1f}, paint {cpu(rend[1],'Paint'):.1f})"
    if first: out+=f"; prerendered page's first layout task cpu {first[0].get('tdur',0)/1000:.1f} (style {cpu(first[1],'UpdateLayoutTree'):.1f}, layout {cpu(first[1],'Layout'):.1f}, paint {cpu(first[1],'Paint'):.1f})"
    print(out)
