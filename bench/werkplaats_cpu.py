"""CPU per request of a live werkplaats session, in the Django process (no network, no gunicorn).

    .venv/bin/python bench/werkplaats_cpu.py [--repeat 200]

What bench/werkplaats.py makes 200 phones do, one request kind at a time, through Django's
test client with the production settings and the file cache in a folder of its own; the seed
content in a database of its own (`herstel_werkplaats_cpu`, on the server of
BENCH_DATABASE_URL / DATABASE_URL, else a pgserver in the temp folder). Prints process CPU
time and queries per request. The database's own work runs in PostgreSQL and is not counted.
Figures, not a test: it fails nothing.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from soak import database, manage, production_env  # noqa: E402

CODE = """
import re
import time
from django.db import connection
from django.test import Client, TestCase
from werkplaats import services
from werkplaats.models import Sessie, Stellingenset

FETCH = {"HTTP_X_WERKPLAATS_FETCH": "1"}
stellingenset = Stellingenset.objects.get(slug="stellingen-over-samenwerking")
sessie, token = services.sessie_start(stellingenset=stellingenset, achtergronden=["wijkteam"])
leider = f"/werkplaats/leiden/{token}/"
page = f"/doe-mee/{sessie.code}/"
phones = []
for _ in range(REPEAT + 10):
    phone = Client()
    phone.get(page)
    phone.post(page, {"achtergrond": "wijkteam", "csrfmiddlewaretoken": ""})
    phones.append(phone)
facilitator = Client()
html = phones[0].get(page).content.decode()
status_url = re.search(r'data-live-url="([^"]+)"', html).group(1)


def next_statement():
    sessie.refresh_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.sessie_go_to(sessie=sessie, volgorde=sessie.huidige + 1)


def answer_of(number):
    return {"stelling": str(sessie.huidige), "waarde": ["eens", "oneens", "weet_niet"][number % 3]}


def measure(name, request, rounds=REPEAT, before=None):
    for number in range(3):  # warm up: imports, template loading
        before and before()
        request(number)
    queries = []
    before and before()
    with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
        request(3)
    total = 0.0
    for number in range(4, 4 + rounds):
        before and before()
        started = time.process_time()
        request(number)
        total += time.process_time() - started
    print(f"{name}|{total / rounds * 1000:.2f}|{len(queries)}")


newcomer = Client()  # one client, its cookies cleared: a new Client() loads the middleware


def new_phone(request):
    def call(n):
        newcomer.cookies.clear()
        return request(n)

    return call


measure("join page (new phone)", new_phone(lambda n: newcomer.get(page)))
measure("join (new phone)", new_phone(lambda n: newcomer.post(page, {"achtergrond": "wijkteam"})))
etag = f'"{sessie.versie}"'
measure("poll, nothing changed (304)", lambda n: phones[n].get(status_url, HTTP_IF_NONE_MATCH=etag))
measure("poll, changed (200)", lambda n: phones[n].get(status_url, HTTP_IF_NONE_MATCH='"0"'))
measure("page part (JS), no answer", lambda n: phones[n].get(page, **FETCH))
measure(
    "answer (JS)",
    lambda n: phones[n].post(page + "antwoord/", answer_of(n), **FETCH),
)
measure("page part (JS), answered", lambda n: phones[n].get(page, **FETCH))
measure(
    "page part, first after a move",
    lambda n: phones[n].get(page, **FETCH),
    rounds=sessie.aantal - 5,
    before=next_statement,
)
measure("whole page (no JS)", lambda n: phones[n].get(page))
measure(
    "answer (no JS, redirect)",
    lambda n: phones[n].post(page + "antwoord/", answer_of(n)),
)
measure("facilitator page", lambda n: facilitator.get(leider))
measure("facilitator poll", lambda n: facilitator.get(leider + "status/", HTTP_IF_NONE_MATCH='"x"'))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    database_url, pg = database("herstel_werkplaats_cpu")
    env = production_env(
        database_url,
        "werkplaats-cpu",
        REDIS_URL="",
        CACHE_URL="",
        CACHE_DIR=tempfile.mkdtemp(prefix="werkplaats-cpu-cache-"),
    )
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    out = manage(env, "shell", "-v0", "-c", f"REPEAT = {args.repeat}\n" + CODE, capture=True)
    load = os.getloadavg()[0]
    print(f"== CPU per request of a live session, production settings (load average {load:.1f}) ==")
    print(f"   {'request':<34}{'CPU ms':>8}{'queries':>9}")
    for line in out.splitlines():
        if line.count("|") != 2:
            continue
        name, ms, queries = line.split("|")
        print(f"   {name:<34}{float(ms):>8.2f}{int(queries):>9}")
    del pg


if __name__ == "__main__":
    main()
