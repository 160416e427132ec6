"""Benchmark of a live werkplaats session: 200 phones answering and polling one session.

    .venv/bin/python bench/werkplaats.py [--participants 200] [--seconds 60] [--workers 4]

Starts gunicorn (sync workers) with the production settings on 127.0.0.1 against the
project-local PostgreSQL with the seed content, starts a session of "Stellingen over
samenwerking" with backgrounds, and lets every simulated phone do what werkplaats.js does:
join, poll the status address every 1.5 s (If-None-Match, mostly answered with 304), and when
the statement changes, load the page and answer after a human pause (one in five changes its
answer once). A facilitator moves to the next statement every --per-statement seconds, reveals
the result and polls its own screen. Prints p50/p95/max per kind of request, the overall p95,
requests per second and errors. Target from the issue: p95 ≤ 100 ms with 200 participants,
0 errors. It asserts nothing.
"""

import argparse
import http.client
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SET = "stellingen-over-samenwerking"
POLL = 1.5  # seconds, as in static/js/werkplaats.js


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.timings = defaultdict(list)
        self.errors = defaultdict(int)
        self.error_examples = []

    def add(self, kind, seconds, ok, detail=""):
        with self.lock:
            self.timings[kind].append(seconds)
            if not ok:
                self.errors[kind] += 1
                if len(self.error_examples) < 5:
                    self.error_examples.append(f"{kind}: {detail}")


class Browser:
    """One phone or screen: its own cookies; a new connection per request, as gunicorn's sync
    workers close every connection after one response."""

    def __init__(self, port, recorder):
        self.port = port
        self.recorder = recorder
        self.cookies = {}

    def request(self, kind, method, path, body=None, headers=None, expect=(200,)):
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            connection.close()
        except OSError as error:
            self.recorder.add(kind, time.perf_counter() - start, False, repr(error))
            return None, {}, b""
        elapsed = time.perf_counter() - start
        self.recorder.add(kind, elapsed, response.status in expect, f"{path} {response.status}")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), content


def csrf(html):
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()


def data_attribute(html, name):
    return re.search(rf'{name}="([^"]*)"'.encode(), html).group(1).decode()


def participant(port, recorder, code, achtergronden, stop, rng):
    phone = Browser(port, recorder)
    _, _, html = phone.request("join page", "GET", f"/doe-mee/{code}/")
    fields = {"csrfmiddlewaretoken": csrf(html), "achtergrond": rng.choice(achtergronden)}
    phone.request("join", "POST", f"/doe-mee/{code}/", urlencode(fields), expect=(302,))
    _, _, html = phone.request("page", "GET", f"/doe-mee/{code}/")
    status_url = data_attribute(html, "data-live-url")
    etag = data_attribute(html, "data-etag")
    answered = None
    time.sleep(rng.random() * POLL)  # the room's polls spread over the interval
    while not stop.is_set():
        stelling = re.search(rb'name="stelling" value="(\d+)"', html)
        if stelling and stelling.group(1) != answered and b'id="wp-bewaar"' in html:
            answered = stelling.group(1)
            for _ in range(2 if rng.random() < 0.2 else 1):
                stop.wait(0.5 + rng.random() * 4)  # reading and choosing
                fields = {
                    "csrfmiddlewaretoken": csrf(html),
                    "stelling": answered.decode(),
                    "waarde": rng.choice(["eens", "oneens", "weet_niet"]),
                }
                # 409: the facilitator moved on while this phone was choosing; the page says so.
                # As werkplaats.js sends it: the answer comes back with the page.
                _, _, html = phone.request(
                    "answer",
                    "POST",
                    f"/doe-mee/{code}/antwoord/",
                    urlencode(fields),
                    headers={"X-Werkplaats-Fetch": "1"},
                    expect=(200, 409),
                )
        stop.wait(POLL)
        status, headers, _ = phone.request(
            "poll", "GET", status_url, headers={"If-None-Match": f'"{etag}"'}, expect=(200, 304)
        )
        if status == 200:
            etag = headers["ETag"].strip('"')
            _, _, html = phone.request(
                "page", "GET", f"/doe-mee/{code}/", headers={"X-Werkplaats-Fetch": "1"}
            )


def facilitator(port, recorder, leider_url, stop, per_statement, statements):
    screen = Browser(port, recorder)
    _, _, html = screen.request("facilitator", "GET", leider_url)
    etag = data_attribute(html, "data-etag")
    shown_at = time.monotonic()
    current, revealed = 0, False
    while not stop.is_set():
        stop.wait(POLL)
        status, headers, _ = screen.request(
            "facilitator poll",
            "GET",
            leider_url + "status/",
            headers={"If-None-Match": f'"{etag}"'},
            expect=(200, 304),
        )
        if status == 200:
            etag = headers["ETag"].strip('"')
            _, _, html = screen.request("facilitator", "GET", leider_url)
        elapsed = time.monotonic() - shown_at
        action = None
        if not revealed and elapsed > per_statement * 0.75:
            action, revealed = "onthul", True
        elif elapsed > per_statement and current < statements - 1:
            action, revealed, shown_at = "volgende", False, time.monotonic()
        if action:
            fields = {"csrfmiddlewaretoken": csrf(html), "actie": action, "stelling": current}
            screen.request(
                "facilitator action",
                "POST",
                leider_url + "actie/",
                urlencode(fields),
                expect=(302,),
            )
            current += action == "volgende"
            _, _, html = screen.request("facilitator", "GET", leider_url)


def start_session(port, recorder):
    screen = Browser(port, recorder)
    _, _, html = screen.request("start", "GET", f"/werkplaats/{SET}/")
    achtergronden = ["jeugdreclassering", "jeugdbescherming", "wijkteam", "politie", "gemeente"]
    body = urlencode(
        [("csrfmiddlewaretoken", csrf(html))] + [("achtergronden", a) for a in achtergronden]
    )
    status, headers, _ = screen.request("start", "POST", f"/werkplaats/{SET}/", body, expect=(302,))
    leider_url = headers["Location"]
    _, _, html = screen.request("facilitator", "GET", leider_url)
    code = re.search(rb'class="wp-code">([^<]+)<', html).group(1).decode().replace(" ", "")
    statements = int(re.search(rb"Stelling 1 van (\d+)", html).group(1))
    return leider_url, code, statements, [*achtergronden, ""]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--per-statement", type=float, default=10, help="seconds per statement")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    from herstel.embedded_db import embedded_database_url

    folder = tempfile.mkdtemp(prefix="werkplaats-bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "herstel.settings.prod",
        "DATABASE_URL": os.environ.get("DATABASE_URL")
        or embedded_database_url(ROOT / ".pgdata"),  # kept running by this process
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "REQUEST_LOG_LEVEL": "WARNING",  # one JSON line per request would drown the figures
        "CACHE_DIR": str(Path(folder) / "cache"),
    }
    for command in (["migrate", "-v0"], ["seed"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "herstel.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={args.workers}",
            "--backlog=2048",
            "--log-level=warning",
            # Server time per request (from reading the request to the last byte written), to
            # tell the server's share from queueing and from this client's own slowness.
            f"--access-logfile={folder}/access.log",
            "--access-logformat=%(m)s %(U)s %(s)s %(L)s",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        run(port, args, Path(folder) / "access.log")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def baseline(port, seconds=5, threads=20):
    """/healthz (one SELECT 1) as fast as 20 clients can: what this machine manages right now,
    with the same client, for comparison."""
    recorder = Recorder()
    stop = threading.Event()

    def hammer():
        browser = Browser(port, recorder)
        while not stop.is_set():
            browser.request("healthz", "GET", "/healthz")

    workers = [threading.Thread(target=hammer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    time.sleep(seconds)
    stop.set()
    for worker in workers:
        worker.join()
    ms = [s * 1000 for s in recorder.timings["healthz"]]
    print(
        f"Baseline /healthz, {threads} clients: {len(ms) / seconds:.0f} requests/s, "
        f"p95 {percentile(ms, 0.95):.1f} ms (load average {os.getloadavg()[0]:.1f})"
    )


def warm_up(port, workers):
    """The first request of a worker imports and connects (a second or two): not the figures'."""
    recorder = Recorder()
    for _ in range(3):
        threads = [
            threading.Thread(target=Browser(port, recorder).request, args=("warm", "GET", path))
            for path in ["/healthz", f"/werkplaats/{SET}/"] * workers
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def server_times(access_log, offset):
    """Per kind of request, the seconds gunicorn spent on it (from its access log)."""
    kinds = defaultdict(list)
    with open(access_log) as log:
        log.seek(offset)
        for line in log:
            method, path, _, seconds = line.split()
            if "/live/" in path or path.endswith("/status/"):
                kind = "poll"
            elif path.endswith("/antwoord/"):
                kind = "answer"
            else:
                kind = "other"
            kinds[kind].append(float(seconds))
    return kinds


def run(port, args, access_log):
    warm_up(port, args.workers)
    baseline(port)
    recorder = Recorder()
    leider_url, code, statements, achtergronden = start_session(port, recorder)
    recorder = Recorder()  # count the session itself, not the set-up
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=participant,
            args=(port, recorder, code, achtergronden, stop, random.Random(number)),
        )
        for number in range(args.participants)
    ]
    threads.append(
        threading.Thread(
            target=facilitator,
            args=(port, recorder, leider_url, stop, args.per_statement, statements),
        )
    )
    offset = access_log.stat().st_size
    start = time.perf_counter()
    for thread in threads:
        thread.start()
        time.sleep(2 / args.participants)  # people join over two seconds, not all at once
    time.sleep(max(0.0, args.seconds - (time.perf_counter() - start)))
    stop.set()
    for thread in threads:
        thread.join()
    total = time.perf_counter() - start

    print(
        f"Werkplaats session through gunicorn ({args.workers} sync workers, production settings), "
        f"{args.participants} participants, {total:.0f} s, {os.cpu_count()} CPUs:"
    )
    print(f"  {'request':<20}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}")
    every = []
    for kind, seconds in sorted(recorder.timings.items()):
        ms = [s * 1000 for s in seconds]
        every += ms
        print(
            f"  {kind:<20}{len(ms):>7}{statistics.median(ms):>9.1f}"
            f"{percentile(ms, 0.95):>9.1f}{max(ms):>9.1f}{recorder.errors[kind]:>8}"
        )
    errors = sum(recorder.errors.values())
    print(
        f"  {'all':<20}{len(every):>7}{statistics.median(every):>9.1f}"
        f"{percentile(every, 0.95):>9.1f}{max(every):>9.1f}{errors:>8}"
    )
    print(
        f"  throughput: {len(every) / total:.0f} requests/s; p95 of all requests "
        f"{percentile(every, 0.95):.1f} ms (target ≤ 100 ms); errors: {errors}"
    )
    for example in recorder.error_examples:
        print(f"  error: {example}")
    time.sleep(1)  # let gunicorn write its last lines
    print("  time spent inside gunicorn (the rest of the latency above is waiting in line):")
    for kind, seconds in sorted(server_times(access_log, offset).items()):
        ms = [s * 1000 for s in seconds]
        print(
            f"  {kind:<20}{len(ms):>7}{statistics.median(ms):>9.1f}"
            f"{percentile(ms, 0.95):>9.1f}{max(ms):>9.1f}"
        )


if __name__ == "__main__":
    main()
