"""Benchmark of the conversation tool through gunicorn on 127.0.0.1.

    .venv/bin/python bench/gesprekstool.py [--users 10] [--rounds 30] [--workers 3]

Starts gunicorn (development settings with DEBUG off, the project-local PostgreSQL with the seed
content), lets N simulated users each start a conversation and then open and save parts as fast
as they can (by default without think time, a worst case; --think adds a pause between requests),
and prints p50/p95/max per request type.
Then it times the PDF of a fully answered conversation. Targets from the issue: opening and
saving a part p95 ≤ 50 ms at 10 concurrent users; the PDF ≤ 1 s.
"""

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PARTS = [
    "algemeen",
    "zelfherstel",
    "herstel-naar-het-slachtoffer",
    "herstel-met-het-netwerk",
    "herstel-naar-de-maatschappij",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class User:
    """One browser: its own cookies (session, CSRF) and keep-alive connection."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method, path, body=None):
        headers = {
            "Host": "127.0.0.1",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        start = time.perf_counter()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        elapsed = time.perf_counter() - start
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location"), content, elapsed

    def csrf(self, html):
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()

    def start(self):
        _, _, html, _ = self.request("GET", "/gesprekstool/")
        status, location, _, _ = self.request(
            "POST", "/gesprekstool/nieuw/", urlencode({"csrfmiddlewaretoken": self.csrf(html)})
        )
        assert status == 302, status
        self.base = location

    def open_part(self, slug):
        status, _, html, elapsed = self.request("GET", f"{self.base}{slug}/")
        assert status == 200, status
        return html, elapsed

    def save_part(self, slug, html, score):
        fields = [("csrfmiddlewaretoken", self.csrf(html))]
        for stelling_id, versie in re.findall(rb'name="s(\d+)-versie" value="([0-9a-f]+)"', html):
            sid = stelling_id.decode()
            fields += [("stelling", sid), (f"s{sid}-versie", versie.decode())]
            fields += [(f"s{sid}-score", str(score)), (f"s{sid}-notitie", "Een korte notitie.")]
        status, _, _, elapsed = self.request("POST", f"{self.base}{slug}/", urlencode(fields))
        assert status == 302, status
        return elapsed


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(name, seconds):
    ms = [s * 1000 for s in seconds]
    print(
        f"  {name:<14} n={len(ms):<5} p50={statistics.median(ms):7.1f} ms"
        f"  p95={percentile(ms, 0.95):7.1f} ms  max={max(ms):7.1f} ms"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--pdf-runs", type=int, default=10)
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds a user waits between requests"
    )
    args = parser.parse_args()

    from herstel.embedded_db import embedded_database_url

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "herstel.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": os.environ.get("DATABASE_URL")
        or embedded_database_url(ROOT / ".pgdata"),  # kept running by this process
        "LOG_LEVEL": "WARNING",
        "REQUEST_LOG_LEVEL": "WARNING",  # one JSON line per request would drown the figures
    }
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "manage.py", "seed"], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "herstel.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={args.workers}",
            "--access-logfile=-" if os.environ.get("BENCH_ACCESS_LOG") else "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        run(port, args)
    finally:
        server.terminate()
        server.wait(timeout=10)


def run(port, args):
    opens, saves = [], []
    lock = threading.Lock()
    users = [User(port) for _ in range(args.users)]
    for user in users:
        user.start()
    # Warm up every worker (imports, connections).
    for user in users:
        html, _ = user.open_part("algemeen")
        user.save_part("algemeen", html, 5)

    def work(user, number):
        for round_ in range(args.rounds):
            slug = PARTS[(number + round_) % len(PARTS)]
            time.sleep(args.think * (0.5 + random.random()))
            html, opened = user.open_part(slug)
            time.sleep(args.think * (0.5 + random.random()))
            saved = user.save_part(slug, html, (number + round_) % 11)
            with lock:
                opens.append(opened)
                saves.append(saved)

    threads = [threading.Thread(target=work, args=(u, i)) for i, u in enumerate(users)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = time.perf_counter() - start
    print(
        f"Gesprekstool through gunicorn ({args.workers} workers), {args.users} concurrent users, "
        f"think time {args.think:g} s, {os.cpu_count()} CPUs:"
    )
    report("open a part", opens)
    report("save a part", saves)
    print(f"  throughput     {2 * len(opens) / total:.0f} requests/s over {total:.1f} s")

    # The PDF of a fully answered conversation, one at a time.
    user = users[0]
    for slug in PARTS:
        html, _ = user.open_part(slug)
        user.save_part(slug, html, 3)
    timings = []
    for _ in range(args.pdf_runs):
        status, _, content, elapsed = user.request("GET", f"{user.base}gesprek.pdf")
        assert status == 200 and content.startswith(b"%PDF"), status
        timings.append(elapsed)
    report("PDF (5 parts)", timings)
    print(f"  PDF size       {len(content) // 1024} KiB")


if __name__ == "__main__":
    main()
