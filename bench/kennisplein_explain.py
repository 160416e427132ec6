"""The kennisplein list's SQL statements, each with PostgreSQL's own execution time.

Wall-clock figures swing with the load of a shared machine; EXPLAIN ANALYZE's execution time
of the statements a list or search page runs is steadier. Run against a database filled by
`manage.py kennisplein_genereer` (e.g. the benchmark's):

    DATABASE_URL=postgres://…/kennisplein_bench_100000 .venv/bin/python bench/kennisplein_explain.py

Prints per page the statements (shortened) with their execution time in ms, and the sum.
`-v` also prints the plans. `--kept`: as after any list page of this content version was
visited, with the counts over every published item kept (listing.plain_counts); without it,
every page counts them itself, as the first list page after a change does.
"""

import functools
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "herstel.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kennisplein import listing  # noqa: E402
from kennisplein.listing import build_list, parse_state, with_snippets  # noqa: E402

PAGES = [
    "",
    "pijler=zelfherstel",
    "thema=veiligheid&doelgroep=jongere",
    "type=tool&pijler=herstel-naar-het-slachtoffer",
    "q=jongere",  # a word in most items
    "q=netwerk",
    "q=gesprek+ouders",
    "q=herst",  # a prefix
    "q=excuusbrief",
    "q=veiligheid&type=tool",
]


def explain(sql, params, verbose):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0][0]
        if verbose:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print("\n".join(row[0] for row in cursor.fetchall()))
    return plan["Execution Time"]


def main():
    verbose = "-v" in sys.argv
    if "--kept" in sys.argv:
        # Development settings keep nothing: keep these counts in this process instead.
        listing.plain_counts = functools.cache(listing.plain_counts)
        listing.plain_counts(None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM kennisplein_item")
        print(f"{cursor.fetchone()[0]:,} items")
    for query in PAGES:
        params = QueryDict(query)
        with CaptureQueriesContext(connection) as captured:
            state = parse_state(params)
            result = build_list(state)
            with_snippets(list(result.pages[0:20]), state, result.mode)
        statements = []
        for run in captured.captured_queries:
            sql = run["sql"]
            if sql.startswith(("SAVEPOINT", "RELEASE")):
                continue
            # Re-run with the parameters the ORM passed: the logged SQL has them inlined.
            statements.append((sql, explain(sql, None, verbose)))
        total = sum(ms for _sql, ms in statements)
        print(f"\n/kennisplein/?{query}  ({len(statements)} statements, {total:.1f} ms in SQL)")
        for sql, ms in statements:
            print(f"  {ms:8.1f} ms  {sql[:110]}")


if __name__ == "__main__":
    main()
