"""CPU per page, for every page type: what one render costs in the Django process.

    .venv/bin/python bench/render_cpu.py [--repeat 100] [--no-calibration]

Production settings, the page cache off, the seed content in a database of its own
(`herstel_render`, on the server of BENCH_DATABASE_URL / DATABASE_URL, else a pgserver in the
temp folder). Each page is requested through Django's test client (no network, no gunicorn)
after a warm-up; it prints the process CPU time per request (the best of five rounds, as
`timeit` does: on this VM one round can take half as long again as the next) and the number of
queries per request, next to a bare page (`/healthz`: one query, no template). The conversation
pages are measured twice: a new conversation, and a filled one (every part answered, three
agreements, the closing check). The database's own work runs in PostgreSQL and is not counted.
BENCH_DB_NAME names the database (several people benchmarking on one server).

The issue's target is at most 4 ms per page on the machine it measured, where the project page
cost 18 ms, the tool start 4 ms and home 2 ms. To read that target here, the bench first
measures those three pages of the code the issue measured (ISSUE_COMMIT, checked out in a
temporary git worktree): how much faster this machine is than the issue's. Each page is then
also printed as it would cost there, at the largest of the three factors (the strict reading).
Without git history (or if that old code no longer runs) it prints plain figures only.
Figures, not a test: it fails nothing.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from soak import database, manage, production_env  # noqa: E402

TARGET_MS = 4
# The code the issue measured (the commit before its work began), and what it measured there.
ISSUE_COMMIT = "455a9dba6a4990d1feb7f40890241c61e43272a5"
ISSUE_MS = {"home": 2, "tool start": 4, "project": 18}

# How a page is measured; printed as "name|ms|queries". The same in the issue's old code.
MEASURE = """
import time
from django.db import connection
from django.test import Client

client = Client()


def cpu_ms(browser, url):
    # The best of five rounds, after a warm-up (imports, template loading, simplemma).
    for _ in range(10):
        response = browser.get(url)
    assert response.status_code == 200, (url, response.status_code)
    rounds = []
    for _ in range(5):
        started = time.process_time()
        for _ in range(REPEAT // 5):
            browser.get(url)
        rounds.append((time.process_time() - started) / (REPEAT // 5) * 1000)
    return min(rounds)


def measure(name, url, browser=client):
    ms = cpu_ms(browser, url)
    queries = []
    with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
        browser.get(url)
    print(f"{name}|{ms:.2f}|{len(queries)}")
"""

# The pages of ISSUE_MS, found the way the old code allows.
CALIBRATION = """
from herstel.models import Project

measure("home", "/")
measure("tool start", "/gesprekstool/")
project = Project.objects.filter(gepubliceerd=True).order_by("pk").first()
measure("project", project.get_absolute_url())
"""

PAGES = """
from gesprekstool.forms import tekst_versie
from gesprekstool.models import Onderdeel, Stelling
from herstel.models import Programma, Project, Symposium
from kennisplein.models import Item, Pijler
from werkplaats.models import Stellingenset

item = Item.objects.published().exclude(type="factsheet").order_by("pk").first()
factsheet = Item.objects.published().filter(type="factsheet").order_by("pk").first()
conversation = client.post("/gesprekstool/nieuw/").url
part = Onderdeel.objects.order_by("volgorde").first().slug


def filled_conversation():
    # A conversation as a youth worker leaves it: every part answered (a few statements to
    # discuss, one with a note), three agreements and the closing check.
    filler = Client()
    url = filler.post("/gesprekstool/nieuw/").url
    onderdelen = list(Onderdeel.objects.order_by("volgorde"))
    for onderdeel in onderdelen:
        data = {"stelling": []}
        stellingen = Stelling.objects.active().filter(onderdeel=onderdeel).order_by("pk")
        for index, stelling in enumerate(stellingen):
            data["stelling"].append(str(stelling.id))
            data[f"s{stelling.id}-versie"] = tekst_versie(stelling.tekst)
            data[f"s{stelling.id}-score"] = str((index * 3 + onderdeel.volgorde) % 11)
            if index % 4 == 1:
                data[f"s{stelling.id}-bespreken"] = "on"
        data[f"s{stellingen[0].id}-notitie"] = "Wil dit met zijn moeder bespreken."
        assert filler.post(url + onderdeel.slug + "/", data).status_code == 302
    for wat, wie in [("Brief schrijven", "ik"), ("Samen koken", "ik en oma"), ("Bellen", "mentor")]:
        data = {"onderdeel": onderdelen[0].id, "wat": wat, "wie_rol": "anders", "wie": wie}
        assert filler.post(url + "afspraken/", {**data, "wanneer": "zondag"}).status_code == 302
    check = {"check_gehoord": 9, "check_belangrijk": 7, "check_manier": 8}
    assert filler.post(url + "afsluiting/", check).status_code == 302
    return filler, url


filler, filled = filled_conversation()


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
    "filled overview": filled,
    "filled part": filled + part + "/",
    "filled result": filled + "resultaat/",
    "werkplaats list": "/werkplaats/",
    "werkplaats set": Stellingenset.objects.order_by("pk").first().get_absolute_url(),
    "doe mee": "/doe-mee/",
}
for name, url in pages.items():
    if url:
        # A conversation is its session's.
        measure(name, url, filler if name.startswith("filled") else client)
"""


def render_cpu(env, code, repeat, cwd=ROOT):
    """Prepare the database of `env` in the checkout `cwd`, run MEASURE + `code` there:
    [(name, ms, queries)]."""
    manage(env, "migrate", "--noinput", "-v0", cwd=cwd)
    manage(env, "seed", "-v0", cwd=cwd)
    manage(env, "collectstatic", "--noinput", "-v0", cwd=cwd)
    script = f"REPEAT = {repeat}\n{MEASURE}\n{code}"
    out = manage(env, "shell", "-v0", "-c", script, capture=True, cwd=cwd)
    rows = [line.split("|") for line in out.splitlines() if line.count("|") == 2]
    return [(name, float(ms), int(queries)) for name, ms, queries in rows]


def calibration(repeat):
    """{page: the issue's ms ÷ ms here} for the pages of ISSUE_MS, from ISSUE_COMMIT's code in
    a temporary worktree; None (with the reason printed) when that cannot be done."""
    with tempfile.TemporaryDirectory() as folder:
        tree = Path(folder) / "issue"
        git = ["git", "-C", str(ROOT), "worktree"]
        try:
            add = [*git, "add", "--detach", str(tree), ISSUE_COMMIT]
            subprocess.run(add, check=True, capture_output=True)  # noqa: S603
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"   (no calibration: the issue's code {ISSUE_COMMIT[:7]} is not here: {error})")
            return None
        try:
            name = os.environ.get("BENCH_DB_NAME", "herstel_render") + "_issue"
            database_url, pg = database(name)
            # The old code keeps its cache in a folder (CACHE_DIR); a new one, so nothing is stale.
            env = production_env(
                database_url,
                "calibration",
                KENNISPLEIN_PAGE_CACHE="false",
                CACHE_DIR=f"{folder}/cache",
            )
            rows = render_cpu(env, CALIBRATION, repeat, cwd=tree)
        except subprocess.CalledProcessError as error:
            print(f"   (no calibration: the issue's code {ISSUE_COMMIT[:7]} did not run: {error})")
            return None
        finally:
            subprocess.run([*git, "remove", "--force", str(tree)], check=False)  # noqa: S603
    print(f"== The issue's own figures: its code ({ISSUE_COMMIT[:7]}) measured on this machine ==")
    print(f"   {'page':<14}{'issue ms':>10}{'here ms':>9}{'queries':>9}{'issue ÷ here':>14}")
    factors = {}
    for page, ms, queries in rows:
        factors[page] = ISSUE_MS[page] / ms
        print(f"   {page:<14}{ISSUE_MS[page]:>10}{ms:>9.2f}{queries:>9}{factors[page]:>14.2f}")
    del pg
    return factors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument(
        "--no-calibration", action="store_true", help="do not measure the issue's own code"
    )
    args = parser.parse_args()
    factors = None if args.no_calibration else calibration(args.repeat)
    database_url, pg = database(os.environ.get("BENCH_DB_NAME", "herstel_render"))
    env = production_env(
        database_url, "render", KENNISPLEIN_PAGE_CACHE="false", REDIS_URL="", CACHE_URL=""
    )
    rows = render_cpu(env, PAGES, args.repeat)
    print(f"== CPU per render, production settings, page cache off (target {TARGET_MS} ms) ==")
    factor = max(factors.values()) if factors else None
    if factor:
        print(
            f"   This machine is {min(factors.values()):.2f}–{factor:.2f} × as fast as the issue's;"
            f" 'there' is a page's cost at {factor:.2f} ×,\n   so the target is"
            f" {TARGET_MS / factor:.2f} ms here."
        )
    print(f"   {'page':<24}{'CPU ms':>8}{'there' if factor else '':>8}{'queries':>9}")
    for name, ms, queries in rows:
        there = ms * (factor or 1)
        mark = f"  over {TARGET_MS} ms" + (" there" if factor else "") if there > TARGET_MS else ""
        column = f"{there:.2f}" if factor else ""
        print(f"   {name:<24}{ms:>8.2f}{column:>8}{queries:>9}{mark}")
    del pg


if __name__ == "__main__":
    main()
