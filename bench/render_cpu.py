"""CPU per page, for every page type: what one render costs in the Django process.

    .venv/bin/python bench/render_cpu.py [--repeat 100]

Production settings, the page cache off, the seed content in a database of its own
(`herstel_render`, on the server of BENCH_DATABASE_URL / DATABASE_URL, else a pgserver in the
temp folder). Each page is requested through Django's test client (no network, no gunicorn)
after a warm-up; it prints the process CPU time per request (the best of five rounds, as
`timeit` does: on this VM one round can take half as long again as the next) and the number of
queries per request, next to a bare page (`/healthz`: one query, no template) for calibration.
The database's own work runs in PostgreSQL and is not counted. BENCH_DB_NAME names the
database (several people benchmarking on one server). The issue's target: at most 4 ms per
page. Figures, not a test: it fails nothing.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from soak import database, manage, production_env  # noqa: E402

TARGET_MS = 4

CODE = """
import time
from django.db import connection
from django.test import Client
from gesprekstool.models import Onderdeel
from herstel.models import Programma, Project, Symposium
from kennisplein.models import Item, Pijler
from werkplaats.models import Stellingenset

item = Item.objects.published().exclude(type="factsheet").order_by("pk").first()
factsheet = Item.objects.published().filter(type="factsheet").order_by("pk").first()
client = Client()
conversation = client.post("/gesprekstool/nieuw/").url
part = Onderdeel.objects.order_by("volgorde").first().slug
pages = {
    "bare page (/healthz)": "/healthz",
    "home": "/",
    "over": "/over/",
    "privacy": "/privacy/",
    "kennisplein list": "/kennisplein/",
    "kennisplein filtered": "/kennisplein/?type=methode&sort=a-z",
    "kennisplein search": "/kennisplein/?q=excuusbrief+slachtoffer",
    "kennisplein item": item.get_absolute_url(),
    "factsheet": factsheet.get_absolute_url() if factsheet else None,
    "pillar": Pijler.objects.order_by("volgorde").first().get_absolute_url(),
    "feed (RSS)": "/kennisplein/feed/",
    "sitemap": "/sitemap.xml",
    "project list": "/projecten/",
    "project": Project.objects.filter(gepubliceerd=True).order_by("pk").first().get_absolute_url(),
    "programme": Programma.objects.order_by("pk").first().get_absolute_url(),
    "symposium": (s := Symposium.objects.order_by("pk").first()) and s.get_absolute_url(),
    "tool start": "/gesprekstool/",
    "conversation overview": conversation,
    "conversation part": conversation + part + "/",
    "conversation result": conversation + "resultaat/",
    "werkplaats list": "/werkplaats/",
    "werkplaats set": Stellingenset.objects.order_by("pk").first().get_absolute_url(),
    "doe mee": "/doe-mee/",
}
for name, url in pages.items():
    if not url:
        continue
    for _ in range(10):  # warm up: imports, template loading, simplemma
        response = client.get(url)
    assert response.status_code == 200, (name, url, response.status_code)
    queries = []
    with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
        client.get(url)
    rounds = []
    for _ in range(5):
        started = time.process_time()
        for _ in range(REPEAT // 5):
            client.get(url)
        rounds.append((time.process_time() - started) / (REPEAT // 5) * 1000)
    ms = min(rounds)
    print(f"{name}|{ms:.2f}|{len(queries)}")
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    database_url, pg = database(os.environ.get("BENCH_DB_NAME", "herstel_render"))
    env = production_env(
        database_url, "render", KENNISPLEIN_PAGE_CACHE="false", REDIS_URL="", CACHE_URL=""
    )
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    out = manage(env, "shell", "-v0", "-c", f"REPEAT = {args.repeat}\n" + CODE, capture=True)
    print(f"== CPU per render, production settings, page cache off (target {TARGET_MS} ms) ==")
    print(f"   {'page':<24}{'CPU ms':>8}{'queries':>9}")
    for line in out.splitlines():
        if line.count("|") != 2:
            continue
        name, ms, queries = line.split("|")
        mark = "" if float(ms) <= TARGET_MS or name.startswith("bare") else "  over target"
        print(f"   {name:<24}{float(ms):>8.2f}{int(queries):>9}{mark}")
    del pg


if __name__ == "__main__":
    main()
