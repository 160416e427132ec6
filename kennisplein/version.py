"""The content version: one number that changes with every committed change to the knowledge
base, so whatever is derived from the content can be kept under it and is never stale.

Triggers on every kennisplein table write a new number in the same transaction as the change
(migrations 0004 and 0012): a reader that sees the number also sees the change.
"""

from functools import wraps

from django.db import connection

CACHE_SECONDS = 300  # how long the shared cache keeps an entry; it cannot go stale before


def content_version() -> str:
    """The number, with the ids of the database and the table, so that two databases (also a
    recreated one) never share cache keys."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT oid FROM pg_database WHERE datname = current_database()), "
            "'kennisplein_inhoudsversie'::regclass::oid, nummer FROM kennisplein_inhoudsversie"
        )
        database, table, number = cursor.fetchone()
    settings = connection.settings_dict
    return f"{settings['HOST']}:{settings['PORT']}:{database}:{table}:{number}"


def kept_per_version(build):
    """Keep what build(version) returns in this process until the version changes. What it
    returns must not change afterwards, so threads can share it (at worst two build at once).
    `.forget()` drops it (tests use that to measure a cold start)."""
    current = None

    @wraps(build)
    def get(version: str):
        nonlocal current
        if current is None or current[0] != version:
            current = (version, build(version))
        return current[1]

    def forget():
        nonlocal current
        current = None

    get.forget = forget
    return get


def content_changed():
    """Move the content version on from Python, for a change that the triggers do not see (such
    as a werkplaats set that an item page links to). Same transaction as the caller's change."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE kennisplein_inhoudsversie SET nummer = nextval('kennisplein_inhoud_versie')"
        )
