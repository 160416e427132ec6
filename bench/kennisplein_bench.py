"""Benchmark of the kennisplein: list, detail and search pages under load.

Run by hand (not part of `make test`):

    .venv/bin/python bench/kennisplein_bench.py            # 10,000 and 100,000 items
    .venv/bin/python bench/kennisplein_bench.py 10000      # one size

BENCH_REUSE_DATA=1 keeps the database of an earlier run of the same size (after migrating it);
BENCH_WORKERS, BENCH_THREADS, BENCH_SECONDS, BENCH_WARMUP_SECONDS and BENCH_FIRST_VISITS
change the run.

What it does, per size: a fresh database on a separate, benchmark-only PostgreSQL (pgserver in
/tmp, or BENCH_DATABASE_URL), migrate, seed, `kennisplein_genereer` up to the size,
collectstatic, then gunicorn with the production settings (DEBUG off) on 127.0.0.1, driven by
wrk (10 connections, 2 threads) from a second process. Prints requests/s and p50/p95/p99 per
page type, and the compressed weight of the list page.
"""

import gzip
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
PYTHON = str(BASE / ".venv" / "bin" / "python")
GUNICORN = str(BASE / ".venv" / "bin" / "gunicorn")
CONNECTIONS = 10
DURATION = int(os.environ.get("BENCH_SECONDS", "20"))
WARMUP = int(os.environ.get("BENCH_WARMUP_SECONDS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))  # more than 1: gunicorn's gthread workers
FIRST_VISITS = int(os.environ.get("BENCH_FIRST_VISITS", "0")) or None  # 0: every distinct path
TARGETS = {"list": 60, "detail": 30, "search": 120}  # p95 targets in ms at 100k items


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_server():
    """A PostgreSQL only for benchmarks, so the test and dev databases stay untouched."""
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return None, url
    import pgserver

    default = Path(tempfile.gettempdir()) / "kennisplein-bench-pgdata"
    data = Path(os.environ.get("BENCH_PGDATA", default))
    data.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data, cleanup_mode="stop")
    return server, server.get_uri()


def recreate_database(server_url, name):
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_url_for(server, server_url, name):
    if server is not None:
        return server.get_uri(name)
    return re.sub(r"/[^/?]*(\?|$)", f"/{name}\\1", server_url, count=1)


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE, env=env, check=True)


def vacuum(database_url):
    """As autovacuum would soon do: drop the row versions the bulk load left behind and mark
    the pages all-visible, so the figures are those of a settled database."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def published_slugs(env, count):
    code = (
        "from kennisplein.models import Item;"
        "slugs = Item.objects.published().order_by('?').values_list('slug', flat=True);"
        f"print('\\n'.join(slugs[:{count}]))"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=BASE,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line for line in out.split() if line.startswith("gen-") or "-" in line]


def search_words(env, count):
    code = (
        "from kennisplein.models import Zoekwoord;"
        "print('\\n'.join(Zoekwoord.objects.filter(woord__regex=r'^[a-z]{5,}$')"
        f".order_by('-aantal').values_list('woord', flat=True)[:{count}]))"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=BASE,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line for line in out.split() if re.fullmatch(r"[a-z]{5,}", line)]


def list_paths(rng):
    """Browsing as visitors do: the plain list and its pages, one filter (any value of any
    facet), and combinations of two filters, with both sort orders. About 400 URLs, some 150
    distinct filter states, so facet counts are computed cold many times during a run."""
    facets = {
        "type": ["artikel", "methode", "tool", "onderzoek", "praktijkvoorbeeld", "video", "tip"],
        "pijler": [
            "zelfherstel",
            "herstel-naar-het-slachtoffer",
            "herstel-met-het-netwerk",
            "herstel-naar-de-maatschappij",
        ],
        "thema": [
            "netwerk-betrekken",
            "samenwerking-in-de-keten",
            "stem-van-de-jongere",
            "veiligheid",
            "jeugdreclassering",
            "licht-verstandelijke-beperking",
            "werkrelatie",
            "leren-en-reflecteren",
            "burgers-en-wijk",
            "scheiding",
            "afsluiten-en-nazorg",
            "slachtoffer-en-schade",
        ],
        "doelgroep": [
            "jeugdbescherming-jeugdreclassering",
            "lokaal-team",
            "jeugdhulp-en-justitie",
            "jongere",
            "ouders-en-netwerk",
            "gemeente-en-beleid",
        ],
    }
    paths = ["/kennisplein/"] * 40 + [f"/kennisplein/?page={n}" for n in range(2, 42)]
    for _ in range(200):
        name = rng.choice(list(facets))
        paths.append(
            f"/kennisplein/?{name}={rng.choice(facets[name])}&page={rng.choice([1, 1, 2, 3])}"
        )
    for _ in range(120):
        first, second = rng.sample(list(facets), 2)
        sort = rng.choice(["", "&sort=a-z"])
        paths.append(
            f"/kennisplein/?{first}={rng.choice(facets[first])}"
            f"&{second}={rng.choice(facets[second])}{sort}"
        )
    return paths


def search_paths(rng, words):
    """Queries like visitors type them: words of every frequency (ranks drawn log-uniformly
    from the vocabulary, so common and rare words both occur), two-word queries, prefixes,
    and typos that find nothing and get a suggestion."""

    def word():
        rank = int(math.exp(rng.uniform(math.log(10), math.log(len(words)))))
        return words[min(rank, len(words) - 1)]

    paths = []
    for _ in range(400):
        kind = rng.random()
        if kind < 0.55:
            query = word()
        elif kind < 0.75:
            query = f"{word()} {word()}"
        elif kind < 0.9:
            query = word()[:5]  # the start of a word
        else:
            chosen = word()
            query = chosen[:2] + chosen[3] + chosen[2] + chosen[4:]  # a typo
        extra = "&type=tool" if rng.random() < 0.2 else ""
        paths.append(f"/kennisplein/?q={urllib.request.quote(query)}{extra}")
    return paths


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


def wrk(base_url, paths, seconds, folder, name):
    paths_file = Path(folder) / f"{name}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(BASE / "bench" / "kennisplein.lua"),
            base_url,
        ],
        env={**os.environ, "PATHS_FILE": str(paths_file)},
        check=True,
        capture_output=True,
        text=True,
    )
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("{")][-1]
    figures = json.loads(line)
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def first_visits(base_url, paths, limit=FIRST_VISITS):
    """Each distinct path once, 10 at a time: what a visitor gets whom nobody went before, with
    nothing cached for that page yet. wrk then measures repeat visits of the same paths."""

    def fetch(path):
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(base_url + path, timeout=30) as response:  # noqa: S310
                response.read()
                ok = True
        except urllib.error.HTTPError:
            ok = False
        return (time.perf_counter() - started) * 1000, ok

    unique = list(dict.fromkeys(paths))[:limit]
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        results = list(pool.map(fetch, unique))
    cuts = statistics.quantiles([ms for ms, _ok in results], n=100, method="inclusive")
    return {
        "requests": len(results),
        "p50_ms": cuts[49],
        "p95_ms": cuts[94],
        "failed": sum(not ok for _ms, ok in results),
    }


def page_weight(base_url):
    """Compressed bytes of the list page's HTML plus its CSS and JS."""
    with urllib.request.urlopen(base_url + "/kennisplein/") as response:  # noqa: S310
        html = response.read()
    total = len(gzip.compress(html))
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        with urllib.request.urlopen(base_url + asset.decode()) as response:  # noqa: S310
            total += len(gzip.compress(response.read()))
    return total


def run_size(server, server_url, size, folder):
    name = f"kennisplein_bench_{size}"
    reuse = os.environ.get("BENCH_REUSE_DATA") == "1"
    if not reuse:
        recreate_database(server_url, name)
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for(server, server_url, name),
        "DJANGO_SETTINGS_MODULE": "herstel.settings.prod",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "CACHE_DIR": str(Path(folder) / f"cache-{size}"),  # empty: nothing from earlier runs
    }
    print(f"\n== {size:,} items ==", flush=True)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    if not reuse:
        manage(env, "seed")
        manage(env, "kennisplein_genereer", str(size - 54), "--batch", "10000")
        vacuum(env["DATABASE_URL"])
    print(f"   data ready in {time.monotonic() - started:.0f} s", flush=True)
    manage(env, "collectstatic", "--noinput", "-v0")

    rng = random.Random(size)
    slugs = published_slugs(env, 3000)
    words = search_words(env, 20_000)
    pages = {
        # A bare one-query page (SELECT 1): the machine's ceiling right now, for calibration.
        "baseline": ["/healthz"],
        "list": list_paths(rng),
        "detail": [f"/kennisplein/{slug}/" for slug in slugs],
        "search": search_paths(rng, words),
    }

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            GUNICORN,
            "herstel.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--threads",
            str(THREADS),
            "--log-level",
            "warning",
        ],
        cwd=BASE,
        env=env,
        start_new_session=True,
    )
    results, cold = {}, {}
    try:
        wait_for(base_url + "/healthz")
        for page, paths in pages.items():
            if page != "baseline":
                cold[page] = first_visits(base_url, paths)
            wrk(base_url, paths, WARMUP, folder, page)
            results[page] = wrk(base_url, paths, DURATION, folder, page)
        weight = page_weight(base_url)
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)
    print(f"   list page, compressed HTML+CSS+JS: {weight / 1024:.1f} KB (limit 60 KB)")
    print(f"   {'page':<8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'non-2xx':>9}")
    for page, fig in results.items():
        print(
            f"   {page:<8}{fig['rps']:>9.0f}{fig['p50_ms']:>9.1f}{fig['p95_ms']:>9.1f}"
            f"{fig['p99_ms']:>9.1f}{fig['non_2xx'] + fig['socket_errors']:>9}"
        )
    print(f"   first visits (each distinct path once, {CONNECTIONS} at a time, not cached yet):")
    for page, fig in cold.items():
        print(
            f"   {page:<8}{fig['requests']:>9} paths  p50 {fig['p50_ms']:.1f} ms  "
            f"p95 {fig['p95_ms']:.1f} ms  failed {fig['failed']}"
        )
    return results, cold


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    sizes = [int(arg) for arg in sys.argv[1:]] or [10_000, 100_000]
    server, server_url = database_server()
    print(
        f"gunicorn: {WORKERS} workers × {THREADS} threads, DEBUG off; "
        f"wrk: {CONNECTIONS} connections, {WARMUP} s warm-up, {DURATION} s measured per page "
        f"type; {os.cpu_count()} CPUs"
    )
    all_results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            all_results[size] = run_size(server, server_url, size, folder)
    print("\nSummary (p95 ms; target at 100,000 items in brackets)")
    for size, (results, cold) in all_results.items():
        row = ", ".join(
            f"{page} {fig['p95_ms']:.1f}"
            + (f" ({TARGETS[page]})" if page in TARGETS else "")
            + f" at {fig['rps']:.0f} req/s"
            for page, fig in results.items()
        )
        print(f"  {size:>7,} items, repeat visits: {row}")
        row = ", ".join(f"{page} {fig['p95_ms']:.1f}" for page, fig in cold.items())
        print(f"  {size:>7,} items, first visits:  {row}")


if __name__ == "__main__":
    main()
