"""The server's CPU by layer, from a dotnet-trace sampled-thread-time trace converted to speedscope.

  python3 bench/cpu-layers.py trace.speedscope.json [top]

Only samples whose leaf is CPU_TIME count (the others are threads waiting). Each goes to the innermost frame that
matches a layer below; then the top frames by own CPU.
"""
import collections
import json
import re
import sys

LAYERS = [
    ("notification planner", r"NotificationPlanner|Scripto\.Core\.Notifications\."),
    ("writer", r"ScriptWriter\+<RunAsync>|ScriptWriter\.Commit"),
    ("storage upkeep, time worker", r"StorageUpkeep|TimeWorker"),
    ("JSON read and validation", r"JsonBodyReader|V1Body|PingQuery"),
    ("MVC", r"Microsoft\.AspNetCore\.Mvc"),
    ("authentication, authorization", r"Authentication|Authorization|ScriptoAuthenticationHandler"),
    ("rate limiter", r"RateLimit"),
    ("Kestrel, sockets", r"Kestrel|System\.Net\.Sockets"),
    ("thread pool", r"PortableThreadPool|ThreadPoolWorkQueue|LowLevel"),
]

trace = json.load(open(sys.argv[1]))
frames = [f["name"] for f in trace["shared"]["frames"]]
layer, own, total = collections.Counter(), collections.Counter(), 0.0
for profile in trace["profiles"]:
    stack, last = [], profile["startValue"]
    for event in profile["events"]:
        dt = event["at"] - last
        if stack and dt > 0 and frames[stack[-1]] == "CPU_TIME":
            names = [frames[i] for i in stack[:-1]]
            total += dt
            own[names[-1] if names else "?"] += dt
            hit = next((name for frame in reversed(names) for name, rx in LAYERS if re.search(rx, frame)), "other")
            layer[hit] += dt
        last = event["at"]
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()
print(f"CPU sampled: {total:.0f} ms")
for name, t in layer.most_common():
    print(f"{t / total * 100:6.1f} %  {name}")
print("-- top frames by own CPU")
for name, t in own.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 15):
    print(f"{t / total * 100:6.1f} %  {name[:150]}")
