"""Benchmark of the kennisplein: list, detail and search pages, printed against the targets.

Run by hand (not part of `make test`):

    .venv/bin/python bench/kennisplein_bench.py            # seed CPU, 10,000 and 100,000 items
    .venv/bin/python bench/kennisplein_bench.py 10000      # one size

BENCH_REUSE_DATA=1 keeps the database of an earlier run of the same size (after migrating it);
BENCH_DB_PREFIX names the databases (default kennisplein_bench: <prefix>_seed, <prefix>_10000);
BENCH_WORKERS, BENCH_THREADS, BENCH_SECONDS, BENCH_WARMUP_SECONDS and BENCH_FIRST_VISITS
change the run.

First, with the seed content only: the CPU one render of a list, item and search page costs in
the Django process (production settings, page cache off), against the 4 ms target. Then per
size: a database on a separate, benchmark-only PostgreSQL (pgserver in /tmp, or
BENCH_DATABASE_URL), migrate, seed, `kennisplein_genereer` up to the size, collectstatic, then
gunicorn with the production settings on 127.0.0.1. First visits: every distinct URL once, one
at a time, nothing cached. Repeat visits: wrk (10 connections) over the same URLs, served from
the page cache, each against /healthz measured right before it in the same run.
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
# p95 of first visits in ms at 10,000 items; at 100,000 items nothing may take over 500 ms.
TARGETS = {"list": 60, "detail": 30, "search": 100}
LARGE_LIMIT_MS = 500
REPEAT_SHARE = 0.8  # repeat visits: at least this share of /healthz's requests/s
CPU_TARGET_MS = 4
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "kennisplein_bench")


def load_average():
    """The machine's 1-minute load average: wall-clock figures mean little without it."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"


def verdict(met):
    return "met   " if met else "MISSED"


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


def database_exists(server_url, name):
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()


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


def wait_for(url, seconds=120):  # workers start slowly on a busy machine
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
    """Each distinct path once, one at a time: what a visitor gets whom nobody went before, with
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
    results = [fetch(path) for path in unique]
    cuts = statistics.quantiles([ms for ms, _ok in results], n=100, method="inclusive")
    return {
        "requests": len(results),
        "p50_ms": cuts[49],
        "p95_ms": cuts[94],
        "max_ms": max(ms for ms, _ok in results),
        "failed": sum(not ok for _ms, ok in results),
        "visited": unique,
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


def settings_env(server, server_url, name, folder):
    """Production settings on the benchmark's own database and an empty cache folder."""
    return {
        **os.environ,
        "DATABASE_URL": database_url_for(server, server_url, name),
        "DJANGO_SETTINGS_MODULE": "herstel.settings.prod",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "REQUEST_LOG_LEVEL": "WARNING",  # one JSON line per request would drown the figures
        "CACHE_DIR": str(Path(folder) / f"cache-{name}"),  # empty: nothing from earlier runs
    }


CPU_CODE = """
import time
from django.test import Client
client = Client()
urls = {"list": "/kennisplein/", "item": "/kennisplein/signs-of-success/",
        "search": "/kennisplein/?q=excuusbrief+slachtoffer", "healthz": "/healthz"}
for name, url in urls.items():
    for _ in range(20):  # warm up: imports, template loading, simplemma
        client.get(url)
    started = time.process_time()
    for _ in range(200):
        assert client.get(url).status_code == 200
    print(name, (time.process_time() - started) / 200 * 1000)
"""


def cpu_per_render(server, server_url, folder):
    """CPU of one render in the Django process, with the seed content, production settings and
    the page cache off (the database's own work is not counted: it runs in PostgreSQL)."""
    name = f"{DB_PREFIX}_seed"
    recreate_database(server_url, name)
    env = {**settings_env(server, server_url, name, folder), "KENNISPLEIN_PAGE_CACHE": "false"}
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed")
    manage(env, "collectstatic", "--noinput", "-v0")
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v", "0", "-c", CPU_CODE],
        cwd=BASE,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures = {line.split()[0]: float(line.split()[1]) for line in out.splitlines() if line}
    print(f"\n== CPU per render, seed content (target {CPU_TARGET_MS} ms; {load_average()}) ==")
    # /healthz (one query, no template) shows what the machine gives right now.
    baseline = figures.pop("healthz")
    for page, ms in figures.items():
        print(f"   {verdict(ms <= CPU_TARGET_MS)} {page:<8}{ms:>6.2f} ms")
    print(f"   (/healthz, one query and no template: {baseline:.2f} ms)")
    return figures


def run_size(server, server_url, size, folder):
    name = f"{DB_PREFIX}_{size}"
    reuse = os.environ.get("BENCH_REUSE_DATA") == "1" and database_exists(server_url, name)
    if not reuse:
        recreate_database(server_url, name)
    env = settings_env(server, server_url, name, folder)
    print(f"\n== {size:,} items ==", flush=True)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    if not reuse:
        manage(env, "seed")
        manage(env, "kennisplein_genereer", str(size - 62), "--batch", "10000")
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
                cold[page]["load"] = load_average()
                # Repeat visits: only what the first visits put in the page cache.
                paths = cold[page].pop("visited")
            wrk(base_url, paths, WARMUP, folder, page)
            if page != "baseline":
                # /healthz again right before: the machine's speed drifts during a run (the
                # first visits leave PostgreSQL busy), so each page is held against its own.
                healthz = wrk(base_url, pages["baseline"], DURATION, folder, "baseline")
                results[f"{page} healthz"] = healthz
            results[page] = wrk(base_url, paths, DURATION, folder, page)
        weight = page_weight(base_url)
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)
    print(f"   list page, compressed HTML+CSS+JS: {weight / 1024:.1f} KB (limit 60 KB)")
    print(f"   {'page':<15}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'non-2xx':>9}")
    for page, fig in results.items():
        print(
            f"   {page:<15}{fig['rps']:>9.0f}{fig['p50_ms']:>9.1f}{fig['p95_ms']:>9.1f}"
            f"{fig['p99_ms']:>9.1f}{fig['non_2xx'] + fig['socket_errors']:>9}"
        )
    print("   first visits (each distinct path once, one at a time, nothing cached):")
    for page, fig in cold.items():
        print(
            f"   {page:<8}{fig['requests']:>9} paths  p50 {fig['p50_ms']:.1f} ms  "
            f"p95 {fig['p95_ms']:.1f} ms  max {fig['max_ms']:.1f} ms  failed {fig['failed']}  "
            f"({fig['load']})"
        )
    return results, cold


def verdicts(size, results, cold):
    """The targets of this size, each with the figure and whether it is met."""
    lines = []
    if size <= 10_000:
        for page, target in TARGETS.items():
            p95 = cold[page]["p95_ms"]
            lines.append(
                (
                    f"first visit {page} p95 {p95:.1f} ms (target {target}; {cold[page]['load']})",
                    p95 <= target,
                )
            )
    else:
        slowest = max(fig["max_ms"] for fig in cold.values())
        lines.append(
            (
                f"slowest first visit {slowest:.0f} ms (limit {LARGE_LIMIT_MS}; {load_average()})",
                slowest <= LARGE_LIMIT_MS,
            )
        )
    for page in TARGETS:
        rps, healthz = results[page]["rps"], results[f"{page} healthz"]["rps"]
        share = rps / healthz
        lines.append(
            (
                f"repeat visits {page} {rps:.0f}/s, {share:.0%} of /healthz just before "
                f"({healthz:.0f}/s; at least {REPEAT_SHARE:.0%})",
                share >= REPEAT_SHARE,
            )
        )
    return lines


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
        cpu = cpu_per_render(server, server_url, folder)
        for size in sizes:
            all_results[size] = run_size(server, server_url, size, folder)
    print("\nSummary")
    lines = [
        (
            f"seed content: CPU per render {page} {ms:.2f} ms (target {CPU_TARGET_MS})",
            ms <= CPU_TARGET_MS,
        )
        for page, ms in cpu.items()
    ]
    for size, (results, cold) in all_results.items():
        lines += [(f"{size:,} items: {text}", met) for text, met in verdicts(size, results, cold)]
    for text, met in lines:
        print(f"  {verdict(met)} {text}")


if __name__ == "__main__":
    main()
