"""One run at a time across every server, for the cron commands (opruimen, linkcontrole).

A PostgreSQL advisory lock on the shared database: released when the block ends, and also when
the process dies, so a crashed run never blocks the next one.
"""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def only_one_run(key):
    """Yield True when this process holds the lock for `key`, False when another run holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        (locked,) = cursor.fetchone()
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
