"""Report runs to Scripto from Python, with the standard library only. Copy this one file beside your code.

    from scripto_client import ping, monitored

    ping("backup", 0, output=log_tail, schedule="daily")   # a run that ended with exit code 0

    with monitored("nightly-report", schedule="daily"):     # start, then success or failure with the traceback
        build_report()

Scripto's address and key come from the arguments, else SCRIPTO_URL and SCRIPTO_KEY, else the config file that
scripto-send reads (url= and key= lines). Reporting never breaks the job: when Scripto cannot be reached it retries
briefly, then warns (a ScriptoWarning, printed on stderr by default) and carries on.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import warnings

__all__ = ["ping", "monitored", "ScriptoWarning"]

DEFAULT_URL = "http://localhost:5000"
MAX_OUTPUT_BYTES = 10 * 1024  # what Scripto keeps of an output
TIMEOUT_SECONDS = 3
# While Scripto cannot be reached (a restart, an upgrade), a report is sent again, 1, 2, 4, 8 s... apart, for up to
# SCRIPTO_RETRY_SECONDS (default 60); a start report, which the job waits for, for up to 10 s.
START_RETRY_SECONDS = 10


class ScriptoWarning(UserWarning):
    """A report that did not reach Scripto."""


# Every lost report is worth a line on stderr, not only the first of each kind; the program's own filters still win.
warnings.simplefilter("always", ScriptoWarning, append=True)


def ping(name, result=True, *, output=None, server=None, schedule=None, cron=None, tz=None, grace=None,
         duration=None, url=None, key=None):
    """Reports a run of the script `name` (on `server`, by default this host) and returns the script as Scripto
    answers it (a dict), or None if the report could not be delivered.

    result: True (success), False (failure), an exit code (0 is success) or "start" (a run began).
    output: the run's output (its last 10 KiB are sent). duration: seconds, if you timed the run yourself.
    schedule ("daily", "15m", ...) or cron ("30 2 * * *") with tz, and grace ("20m"): the script's schedule.
    """
    if result is True or result is False:
        signal = "" if result else "/fail"
    elif result == "start":
        signal = "/start"
    elif isinstance(result, int) and 0 <= result <= 255:
        signal = "/%d" % result
    else:
        raise ValueError("result must be True, False, an exit code from 0 to 255 or 'start', not %r" % (result,))

    query = {"server": socket.gethostname() if server is None else server}
    for field, value in (("schedule", schedule), ("cron", cron), ("tz", tz), ("grace", grace)):
        if value is not None:
            query[field] = value
    if duration is not None:
        query["duration"] = "%.3f" % duration
    base, key = _settings(url, key)
    address = "%s/api/v2/ping/%s%s?%s" % (base, urllib.parse.quote(name, safe=""), signal,
                                          urllib.parse.urlencode(query, quote_via=urllib.parse.quote))
    body = _tail(output) if output else None
    patience = _retry_seconds()
    if signal == "/start":
        patience = min(patience, START_RETRY_SECONDS)
    return _post(address, body, key, base, "%s%s" % (name, signal or " (success)"), patience)


@contextlib.contextmanager
def monitored(name, **options):
    """Reports a start, runs the block, then its success, or its failure with the tail of the traceback as the
    output (the exception is raised again). sys.exit(n) reports exit code n. Works as a decorator too.
    Takes ping's keyword arguments (server, schedule, cron, tz, grace, url, key)."""
    ping(name, "start", **options)
    began = time.monotonic()
    try:
        yield
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        ping(name, code if 0 <= code <= 255 else 1, duration=time.monotonic() - began,
             output=None if code == 0 else traceback.format_exc(), **options)
        raise
    except BaseException:
        ping(name, False, output=traceback.format_exc(), duration=time.monotonic() - began, **options)
        raise
    ping(name, True, duration=time.monotonic() - began, **options)


def _settings(url, key):
    """Argument, else environment, else the config file, else the default."""
    config = _read_config()
    url = url or os.environ.get("SCRIPTO_URL") or config.get("url") or DEFAULT_URL
    key = key or os.environ.get("SCRIPTO_KEY") or config.get("key")
    return url.rstrip("/"), key


def _read_config():
    """scripto-send's config file: url= and key= lines, # comments."""
    path = os.environ.get("SCRIPTO_CONFIG")
    if not path:
        home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
        candidates = [os.path.join(home, "scripto", "scripto-send.conf"), "/etc/scripto/scripto-send.conf"]
        path = next((p for p in candidates if os.access(p, os.R_OK)), None)
    settings = {}
    if not path:
        return settings
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                setting, equals, value = line.partition("=")
                value = value.strip()
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                    value = value[1:-1]
                if equals and setting.strip() in ("url", "key"):
                    settings[setting.strip()] = value
    except OSError as e:
        warnings.warn("scripto: cannot read the config file %s: %s" % (path, e), ScriptoWarning, stacklevel=2)
    return settings


def _tail(output):
    """The last 10 KiB of the output, marked where it was cut, as Scripto marks it."""
    data = output.encode("utf-8", "replace") if isinstance(output, str) else bytes(output)
    if len(data) <= MAX_OUTPUT_BYTES:
        return data
    keep = MAX_OUTPUT_BYTES - 128
    marker = "[… output truncated: the first %d bytes were dropped …]\n" % (len(data) - keep)
    return marker.encode("utf-8") + data[-keep:]


def _retry_seconds():
    value = os.environ.get("SCRIPTO_RETRY_SECONDS", "60")
    try:
        return max(0, int(value))
    except ValueError:
        warnings.warn("scripto: SCRIPTO_RETRY_SECONDS must be a whole number of seconds, not %r; using 60" % value,
                      ScriptoWarning, stacklevel=3)
        return 60


def _post(address, body, key, base, what, patience):
    headers = {"User-Agent": "scripto_client.py/1"}
    if body is not None:
        headers["Content-Type"] = "text/plain; charset=utf-8"
    if key:
        headers["Authorization"] = "Bearer " + key
    problem = None
    deadline = time.monotonic() + patience
    delay = 1
    while True:
        request = urllib.request.Request(address, data=body or b"", headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            problem = "Scripto refused it (HTTP %d): %s" % (e.code, _detail(e))
            if e.code < 500 and e.code not in (408, 429):
                break  # a mistake in the report: sending it again will not help
        except (OSError, ValueError) as e:  # unreachable, timed out, or an answer that is not Scripto's
            problem = "could not reach Scripto at %s: %s" % (base, getattr(e, "reason", e))
        if time.monotonic() + delay > deadline:
            break
        time.sleep(delay)
        delay = min(delay * 2, 15)
    warnings.warn("scripto: the report of %s is lost: %s" % (what, problem), ScriptoWarning, stacklevel=3)
    return None


def _detail(error):
    try:
        return json.loads(error.read().decode("utf-8")).get("detail") or error.reason
    except (OSError, ValueError, AttributeError):
        return error.reason
