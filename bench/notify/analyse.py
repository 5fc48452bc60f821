"""bench/notify.sh's figures: messages per channel (and repeats), and the time from each script's failure being
acknowledged to its first receipt on each channel (p50, p95)."""
import email
import json
import os
import re
import sys

received_log, maildir, acked_path, expected = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
acked = {}
for line in open(acked_path):
    name, at = line.split()
    acked[name] = float(at)

messages = {"webhook": [], "slack": [], "teams": [], "ntfy": [], "email": []}
for line in open(received_log):
    r = json.loads(line)
    messages[r["path"].strip("/").split("/")[0]].append((r["at"], r["body"], r["id"]))
new = os.path.join(maildir, "new")
for file in sorted(os.listdir(new)) if os.path.isdir(new) else []:
    path = os.path.join(new, file)
    mail = email.message_from_binary_file(open(path, "rb"))
    text = "".join(part.get_payload(decode=True).decode("utf-8", "replace") for part in mail.walk() if part.get_content_type() == "text/plain")
    messages["email"].append((os.stat(path).st_mtime, text, mail["Message-ID"]))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


ok = True
for channel, got in messages.items():
    first_seen = {}
    for at, body, _ in sorted(got):
        for name in set(re.findall(r"bench-\d{5}", body)):
            first_seen.setdefault(name, at)
    ids = [i for _, _, i in got if i]
    repeats = len(ids) - len(set(ids))
    groups = [frozenset(re.findall(r"srv-\d{2}", body)) for _, body, _ in got]
    latencies = [first_seen[n] - acked[n] for n in acked if n in first_seen]
    # Chat services with a size limit (Teams' card, ntfy's 4 KB) list the newest and end with "and N more": what a
    # message covers is the count its intro gives ("50 scripts are down on srv-01.").
    counted = {server: int(n) for _, body, _ in got for n, server in re.findall(r"(\d+) scripts? (?:is|are) down on (srv-\d{2})", body)}
    covered = max(len(first_seen), sum(counted.values()))
    missing = len(acked) - covered
    print(f"notify.{channel}.messages {len(got)} (expected {expected}); repeated ids {repeats}; scripts covered {covered} of {len(acked)} (named {len(first_seen)})")
    print(f"notify.{channel}.latency_p50_s {percentile(latencies, 50):.2f}")
    print(f"notify.{channel}.latency_p95_s {percentile(latencies, 95):.2f}")
    ok = ok and len(got) == expected and repeats == 0 and missing == 0
sys.exit(0 if ok else 1)
