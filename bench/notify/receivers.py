"""Stands in for the webhook, Slack, Teams and ntfy endpoints of bench/notify.sh: records every request it gets
(arrival time, path, webhook-id, body) as one JSON line, and answers 200."""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

log_path, port_path = sys.argv[1], sys.argv[2]
lock = threading.Lock()
log = open(log_path, "a", buffering=1)


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        at = time.time()
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
        with lock:
            log.write(json.dumps({"at": at, "path": self.path, "id": self.headers.get("webhook-id"), "body": body}) + "\n")
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
with open(port_path, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
