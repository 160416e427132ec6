"""Whole kennisplein pages for visitors without a session, kept under the content version.

The content version is one number that moves on with every committed change to the knowledge
base. Triggers on the kennisplein tables (INSTALL_SQL, installed by migration 0002) write a new
number in the same transaction as the change, so a reader that sees a number also sees the
change that drew it. A page rendered for one anonymous visitor is kept under its full address,
that number and the build (settings.BUILD_ID): it is never stale, not even after a deploy, and
needs one query to serve again. An item scheduled to appear or disappear later changes no row at
that moment, so the version also holds the next such moment: once it has passed, every key is a
new one. With REDIS_URL every app server shares the kept pages. Visitors with a session (staff,
professionals, anyone with a message waiting) always get a fresh page, since theirs can differ
(a logout button, a draft preview, a message).
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone

CACHE_SECONDS = 300  # how long the cache keeps a page; it cannot go stale before

TABLES = [
    "kennisplein_item",
    "kennisplein_item_pijlers",
    "kennisplein_item_themas",
    "kennisplein_item_doelgroepen",
    "kennisplein_item_gerelateerd",
    "kennisplein_pijler",
    "kennisplein_thema",
    "kennisplein_doelgroep",
    "kennisplein_bijlage",
    "kennisplein_synoniem",
]

# Idempotent: databases made by the migrations this app had before 2026-12 have the table, the
# sequence, the function and the triggers on all but the last table already.
INSTALL_SQL = """
CREATE SEQUENCE IF NOT EXISTS kennisplein_inhoud_versie;
CREATE TABLE IF NOT EXISTS kennisplein_inhoudsversie (nummer bigint NOT NULL);
INSERT INTO kennisplein_inhoudsversie (nummer)
  SELECT nextval('kennisplein_inhoud_versie')
  WHERE NOT EXISTS (SELECT 1 FROM kennisplein_inhoudsversie);
CREATE OR REPLACE FUNCTION kennisplein_inhoud_gewijzigd() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE kennisplein_inhoudsversie SET nummer = nextval('kennisplein_inhoud_versie');
  RETURN NULL;
END $$;
"""
INSTALL_SQL += "".join(
    f"CREATE OR REPLACE TRIGGER kennisplein_inhoud_versie AFTER INSERT OR UPDATE OR DELETE "  # noqa: S608 - constant names
    f"OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION kennisplein_inhoud_gewijzigd();\n"
    for table in TABLES
)


# The number, and the first moment after now at which a published item appears or disappears
# (scheduled publishing: Item.zichtbaar_vanaf/zichtbaar_tot); each half of LEAST is a lookup in a
# partial index.
VERSION_SQL = """
SELECT (SELECT oid FROM pg_database WHERE datname = current_database()),
       'kennisplein_inhoudsversie'::regclass::oid,
       nummer,
       LEAST(
         (SELECT min(zichtbaar_vanaf) FROM kennisplein_item
           WHERE status = 'gepubliceerd' AND zichtbaar_vanaf > %(now)s),
         (SELECT min(zichtbaar_tot) FROM kennisplein_item
           WHERE status = 'gepubliceerd' AND zichtbaar_tot > %(now)s)
       )
FROM kennisplein_inhoudsversie
"""


def content_version() -> str:
    """The number, with the ids of the server, database and table, so that two databases (also
    a recreated one) never share cache keys; and the next scheduled change, so that no kept page
    outlives the moment an item appears or disappears by itself (no cron job moves the number
    then). All in the one query a kept page costs."""
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL, {"now": timezone.now()})
        database, table, number, next_change = cursor.fetchone()
    db = connection.settings_dict
    moment = next_change.isoformat() if next_change else "-"
    return f"{db['HOST']}:{db['PORT']}:{database}:{table}:{number}:{moment}"


def content_changed():
    """Move the content version on from Python, for a change that the triggers do not see (such
    as a werkplaats set that an item page links to). Same transaction as the caller's change."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE kennisplein_inhoudsversie SET nummer = nextval('kennisplein_inhoud_versie')"
        )


def _has_own_state(request) -> bool:
    return bool(
        request.COOKIES.get(settings.SESSION_COOKIE_NAME) or request.COOKIES.get("messages")
    )


def cached_for_visitors(view):
    """Serve the view from the cache for visitors without a session."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            not settings.KENNISPLEIN_PAGE_CACHE
            or request.method != "GET"
            or _has_own_state(request)
        ):
            return view(request, *args, **kwargs)
        # Scheme and host too: pages carry absolute links (canonical, Open Graph).
        url = request.build_absolute_uri()
        # The build too: a page rendered by the previous release is never served after a deploy.
        key_text = f"{settings.BUILD_ID}|{content_version()}|{url}"
        digest = hashlib.sha256(key_text.encode()).hexdigest()[:40]
        key = f"kennisplein:pagina:{digest}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200 and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), CACHE_SECONDS)
        return response

    return wrapper
