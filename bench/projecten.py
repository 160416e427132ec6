"""Benchmark the project pages through gunicorn: requests per second and latency per page.

Run by hand: `.venv/bin/python bench/projecten.py` (uses the dev database; migrates and seeds
it when empty). Prints figures; it asserts nothing.
"""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
URLS = [
    "/projecten/",
    "/projecten/?programma=swing&bouwsteen=samenwerking-in-de-keten&jaar=2016",
    "/projecten/de-stem-van-de-client/",
    "/projecten/programmas/swing/",
    "/over/",
]
REQUESTS = int(os.environ.get("REQUESTS", "400"))
CONCURRENCY = int(os.environ.get("CONCURRENCY", "8"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, url):
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", url)
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status == 200, (url, response.status)
    return time.perf_counter() - start


def main():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "herstel.settings.dev", "DEBUG": "false"}
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "seed"], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [
            ROOT / ".venv" / "bin" / "gunicorn",
            "herstel.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                fetch(port, "/healthz")
                break
            except (ConnectionError, OSError, AssertionError):
                time.sleep(0.2)
        print(f"gunicorn, 2 workers, {REQUESTS} requests per page, concurrency {CONCURRENCY}")
        print(f"{'page':<75} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7}")
        for url in URLS:
            for _ in range(10):
                fetch(port, url)
            started = time.perf_counter()
            with ThreadPoolExecutor(CONCURRENCY) as pool:
                timings = list(pool.map(fetch, [port] * REQUESTS, [url] * REQUESTS))
            elapsed = time.perf_counter() - started
            timings.sort()
            p50 = statistics.median(timings) * 1000
            p95 = timings[int(len(timings) * 0.95) - 1] * 1000
            print(f"{url:<75} {REQUESTS / elapsed:7.1f} {p50:7.1f} {p95:7.1f}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
