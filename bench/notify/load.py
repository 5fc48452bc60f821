"""bench/notify.sh's load: creates SCRIPTS scripts on SERVERS servers with v2 pings, then reports DOWN of them failed
within a few seconds (in random order, spread over every server), writing "<name> <unix time acknowledged>" lines."""
import http.client
import random
import sys
import threading
import time
import urllib.parse

base, scripts, servers, down, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
url = urllib.parse.urlparse(base)
names = [(f"bench-{i:05d}", f"srv-{i % servers + 1:02d}") for i in range(scripts)]


def run(jobs, signal, results=None, workers=8):
    queue = list(jobs)
    lock = threading.Lock()

    def worker():
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        while True:
            with lock:
                if not queue:
                    break
                name, server = queue.pop()
            path = f"/api/v2/ping/{name}{signal}?server={server}"
            conn.request("POST", path, body=b"", headers={"Content-Length": "0"})
            response = conn.getresponse()
            response.read()
            if response.status >= 300:
                raise SystemExit(f"{path} answered {response.status}")
            if results is not None:
                with lock:
                    results.append((name, time.time()))
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


started = time.time()
run(names, "")
print(f"created {scripts} scripts on {servers} servers in {time.time() - started:.1f} s", flush=True)
# Whole rows of one script per server, every (scripts // down)th row: the failures fall on every server alike.
failing = [n for i, n in enumerate(names) if (i // servers) % max(1, scripts // down) == 0][:down]
random.shuffle(failing)
acknowledged = []
started = time.time()
run(failing, "/fail", acknowledged)
print(f"{len(acknowledged)} scripts failed in {time.time() - started:.1f} s", flush=True)
with open(out, "w") as f:
    for name, at in acknowledged:
        f.write(f"{name} {at}\n")
