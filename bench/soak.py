"""Soak test: a realistic mix against gunicorn for a long time, at about half its capacity.

    .venv/bin/python bench/soak.py                 # 10 minutes
    .venv/bin/python bench/soak.py --minutes 2 --workers 3 --users 16

Production settings, the seed content in a database of its own (`herstel_soak`, on the server
of BENCH_DATABASE_URL / DATABASE_URL, else a pgserver in the temp folder), Redis as the cache
when REDIS_URL is set or redis-server is installed (else the cache folder). The mix:

- visitors browsing the kennisplein (list with filters, item and pillar pages) and searching;
- ten conversations being filled in (start, open a part, save it, the result page), over and over;
- PDFs: a conversation's and a factsheet's;
- an editor saving a knowledge item in the admin every half minute (every save moves the
  content version on, so the page cache starts over).

First it measures the capacity (requests per second with no pauses, --capacity-seconds), then
paces all users together at --load (default half) of it for --minutes. It prints the errors
(5xx, refused connections and unexpected answers: must be 0), p50/p95 per page type, and the
memory (RSS) of the gunicorn workers after the warm-up and at the end (flat: within 10 %).
Figures, not a test: it fails nothing.
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.liveservers import AppServer, Browser, redis_for_tests  # noqa: E402

PYTHON = sys.executable
NAME = "herstel_soak"
EDITOR_PASSWORD = "soak-redacteur-wachtwoord-2026"  # noqa: S105 - a throwaway database
SEARCHES = ["excuusbrief", "slachtoffer", "herstelgesprek", "netwerk", "spijt", "schade"]
SEARCHES += ["jeugdreclassering", "bemiddeling", "brieven", "sorry zeggen", "gesprek ouders"]
PARTS = [
    "algemeen",
    "zelfherstel",
    "herstel-naar-het-slachtoffer",
    "herstel-met-het-netwerk",
    "herstel-naar-de-maatschappij",
]


def database(name=NAME):
    """(URL of a new, empty database `name`, pgserver or None), on the server of
    BENCH_DATABASE_URL / DATABASE_URL, else a pgserver in the temp folder."""
    import psycopg

    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL")
    server = None
    if not url:
        import pgserver

        data = Path(tempfile.gettempdir()) / "herstel-soak-pgdata"
        data.mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(data, cleanup_mode="stop")
        url = server.get_uri()
    admin_url = server.get_uri("postgres") if server else _with_name(url, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return (server.get_uri(name) if server else _with_name(url, name)), server


def _with_name(url, name):
    return re.sub(r"/[^/?]*(\?|$)", f"/{name}\\1", url, count=1)


def production_env(database_url, name, **overrides):
    """The environment of a benchmark run with the production settings over plain HTTP on this
    machine, quiet logs; `overrides` add to it or replace its values."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "herstel.settings.prod",
        "DATABASE_URL": database_url,
        "SECRET_KEY": f"{name}-bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "REQUEST_LOG_LEVEL": "WARNING",  # one JSON line per request would drown the figures
        **overrides,
    }


def manage(env, *args, capture=False, cwd=ROOT):
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout


PREPARE = f"""
from django.contrib.auth.models import User
from herstel.roles import ensure_editor_group
from kennisplein.models import Item
user, _ = User.objects.get_or_create(username="soak-redacteur", defaults={{"is_staff": True}})
user.set_password("{EDITOR_PASSWORD}"); user.save(); user.groups.add(ensure_editor_group())
print("ITEMS", *Item.objects.published().values_list("slug", flat=True))
factsheets = Item.objects.published().filter(type="factsheet")
print("FACTSHEETS", *factsheets.values_list("slug", flat=True))
print("EDIT", Item.objects.published().order_by("pk").values_list("pk", flat=True).first())
"""


class Run:
    """Shared by all user threads: the pace, the figures, the errors."""

    def __init__(self, rate, seconds):
        self.interval = 1 / rate if rate else 0
        self.next_slot = time.monotonic()
        self.end = time.monotonic() + seconds
        self.lock = threading.Lock()
        self.timings = defaultdict(list)
        self.errors = defaultdict(int)
        self.error_samples = []

    def wait_for_slot(self):
        """Paced: one request per interval over all users together (none when interval is 0)."""
        with self.lock:
            slot = max(self.next_slot, time.monotonic() - 1)  # no burst after a slow spell
            self.next_slot = slot + self.interval
        delay = slot - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        return time.monotonic() < self.end

    def record(self, kind, seconds, ok, detail=""):
        with self.lock:
            self.timings[kind].append(seconds * 1000)
            if not ok:
                self.errors[kind] += 1
                if len(self.error_samples) < 10:
                    self.error_samples.append(f"{kind}: {detail}")


def timed(run, kind, call, expect=(200,)):
    started = time.perf_counter()
    try:
        response = call()
    except OSError as error:
        run.record(kind, time.perf_counter() - started, False, repr(error))
        return None
    ok = response.status in expect
    run.record(kind, time.perf_counter() - started, ok, f"status {response.status}")
    return response


def visitor_request(data, rng):
    """(page type, path) of a visitor's next request."""
    roll = rng.random()
    if roll < 0.3:
        return "item", f"/kennisplein/{rng.choice(data['items'])}/"
    if roll < 0.55:
        return "search", "/kennisplein/?q=" + rng.choice(SEARCHES).replace(" ", "+")
    if roll < 0.75:
        query = rng.choice(["", "?type=methode", "?sort=a-z", "?page=2", "?type=tool"])
        return "list", f"/kennisplein/{query}"
    if roll < 0.9:
        return "pillar", f"/pijlers/{rng.choice(PARTS[1:])}/"
    if roll < 0.97:
        return "home", "/"
    return "pdf", f"/kennisplein/{rng.choice(data['factsheets'] or data['items'])}/pdf/"


def visitor(run, url, data, rng):
    browser = Browser()
    while run.wait_for_slot():
        kind, path = visitor_request(data, rng)
        timed(run, kind, lambda path=path: browser.get(url, path))


def youth_worker(run, url, data, rng):
    """One conversation after another: start, each part opened and saved, result, sometimes PDF."""
    while True:
        browser = Browser()
        if not run.wait_for_slot():
            return
        timed(run, "tool start", lambda b=browser: b.get(url, "/gesprekstool/"))
        if not run.wait_for_slot():
            return
        started = timed(
            run, "tool start", lambda b=browser: b.post(url, "/gesprekstool/nieuw/", {}), (302,)
        )
        if started is None or started.status != 302:
            continue
        conversation = started.location
        for part in PARTS:
            if not run.wait_for_slot():
                return
            path = conversation + part + "/"
            page = timed(run, "part open", lambda b=browser, p=path: b.get(url, p))
            if page is None or page.status != 200:
                break
            fields = part_fields(page.text, rng)
            if not run.wait_for_slot():
                return
            save = lambda b=browser, p=path, f=fields: b.post(url, p, f)  # noqa: E731
            timed(run, "part save", save, (302,))
        if not run.wait_for_slot():
            return
        result, pdf = conversation + "resultaat/", conversation + "gesprek.pdf"
        timed(run, "result", lambda b=browser, p=result: b.get(url, p))
        if rng.random() < 0.2 and run.wait_for_slot():
            timed(run, "pdf", lambda b=browser, p=pdf: b.get(url, p))


def part_fields(html, rng):
    """What a youth worker sends for a part: a score for most statements."""
    fields = []
    for stelling in re.findall(r'name="stelling" value="(\d+)"', html):
        fields.append(("stelling", stelling))
        versie = re.search(rf'name="s{stelling}-versie" value="([^"]*)"', html)
        if versie:
            fields.append((f"s{stelling}-versie", versie.group(1)))
        if rng.random() < 0.9:
            fields.append((f"s{stelling}-score", str(rng.randint(0, 10))))
    return fields


def editor(run, url, data, rng):
    browser = Browser()
    browser.get(url, "/beheer/login/")
    browser.post(url, "/beheer/login/", {"username": "soak-redacteur", "password": EDITOR_PASSWORD})
    path = f"/beheer/kennisplein/item/{data['edit']}/change/"
    number = 0
    while time.monotonic() < run.end:
        time.sleep(30)
        if time.monotonic() >= run.end:
            return
        number += 1
        titel = f"Werken aan herstel, versie {number}"

        def save(titel=titel):
            return browser.submit(url, path, {"titel": titel}, form_id="item_form")

        timed(run, "editor save", save, (302,))


def rss_kb(pids):
    sizes = {}
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            match = re.search(r"VmRSS:\s+(\d+) kB", status.read_text())
            sizes[pid] = int(match.group(1)) if match else 0
    return sizes


def drive(url, data, *, users, rate, seconds, with_editor):
    run = Run(rate, seconds)
    rng = random.Random(15)
    threads = [
        threading.Thread(
            target=youth_worker if n < 10 else visitor,
            args=(run, url, data, random.Random(rng.random())),
        )
        for n in range(max(users, 11))
    ]
    if with_editor:
        threads.append(threading.Thread(target=editor, args=(run, url, data, rng)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return run


def report(run, seconds):
    total = sum(len(t) for t in run.timings.values())
    errors = sum(run.errors.values())
    print(f"\n   {total} requests in {seconds:.0f} s ({total / seconds:.1f}/s), errors: {errors}")
    print(f"   {'page type':<13}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}")
    for kind in sorted(run.timings):
        values = sorted(run.timings[kind])
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(
            f"   {kind:<13}{len(values):>7}{statistics.median(values):>9.1f}{p95:>9.1f}"
            f"{values[-1]:>9.1f}{run.errors.get(kind, 0):>8}"
        )
    for sample in run.error_samples:
        print("   error:", sample)
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--users", type=int, default=20, help="10 youth workers, the rest visit")
    parser.add_argument("--load", type=float, default=0.5, help="share of the capacity")
    parser.add_argument("--capacity-seconds", type=float, default=20)
    args = parser.parse_args()

    database_url, pg = database()
    redis_url, stop_redis = redis_for_tests()
    media = tempfile.mkdtemp(prefix="herstel-soak-media-")
    env = production_env(
        database_url,
        "soak",
        DEBUG="false",
        MEDIA_ROOT=media,
        REDIS_URL=redis_url or "",
        CACHE_KEY_PREFIX=f"soak-{os.getpid()}",
    )
    print(f"== soak: {args.minutes:g} min, cache: {'Redis' if redis_url else 'folder'} ==")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    out = manage(env, "shell", "-v0", "-c", PREPARE, capture=True)
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    data = {"items": lines["ITEMS"], "factsheets": lines["FACTSHEETS"], "edit": lines["EDIT"][0]}

    server = AppServer("soak", env, workers=args.workers, settings="herstel.settings.prod")
    try:
        print(f"   gunicorn: {args.workers} workers; {args.users} users (10 conversations)")
        capacity_run = drive(
            server.url,
            data,
            users=args.users,
            rate=0,
            seconds=args.capacity_seconds,
            with_editor=False,
        )
        capacity = sum(len(t) for t in capacity_run.timings.values()) / args.capacity_seconds
        rate = capacity * args.load
        print(f"   capacity: {capacity:.1f} requests/s; soak at {rate:.1f}/s")
        memory_start = rss_kb(server.worker_pids())
        seconds = args.minutes * 60
        run = drive(
            server.url, data, users=args.users, rate=rate, seconds=seconds, with_editor=True
        )
        memory_end = rss_kb(server.worker_pids())
        errors = report(run, seconds)
        print("   worker memory (RSS) after the capacity run and at the end:")
        for pid in sorted(memory_start):
            start, end = memory_start[pid], memory_end.get(pid)
            change = f"{(end - start) / start * 100:+.1f} %" if end else "worker gone"
            print(f"     pid {pid}: {start / 1024:.1f} MB -> {(end or 0) / 1024:.1f} MB ({change})")
        total_start, total_end = sum(memory_start.values()), sum(memory_end.values())
        growth = (total_end - total_start) / total_start * 100
        print(
            f"   all workers: {total_start / 1024:.1f} -> {total_end / 1024:.1f} MB "
            f"({growth:+.1f} %)"
        )
        print(
            f"   errors {'ok (0)' if errors == 0 else f'NOT ok ({errors})'}; memory "
            f"{'flat (within 10 %)' if abs(growth) <= 10 else 'NOT flat'}"
        )
    finally:
        server.stop()
        if stop_redis:
            stop_redis()
        if pg is not None:
            del pg


if __name__ == "__main__":
    main()
