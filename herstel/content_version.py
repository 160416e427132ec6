"""One version for everything editors publish, so that rendered HTML can be kept until it changes.

A number in the database moves on with every committed change to the site's content: the
kennisplein, the projects and programmes, the conversation tool's parts and statements and the
werkplaats sets. Statement-level triggers on those tables (`install_sql`, installed by
migrations) draw a new number in the same transaction as the change, so a reader that sees a
number also sees the change that drew it; bulk updates, imports and the admin alike. What a
visitor fills in (conversations, answers, werkplaats sessions) has no trigger: it would empty
every cache with every answer.

`content_version(request)` is that number as a cache-key part (with the build, the database and
the next scheduled publishing moment), read once per request. The page cache
(kennisplein/page_cache.py) and the `{% cache %}` fragments in templates (context variable
`content_version`, see `context`) key on it: a fragment is rendered once per change, never
served stale, not even after a deploy.
"""

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

# Idempotent: databases made by older migrations have the sequence, table and function already.
_FUNCTION_SQL = """
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


def install_sql(tables) -> str:
    """The version's table and function, and a trigger on each of `tables`."""
    return _FUNCTION_SQL + "".join(
        f"CREATE OR REPLACE TRIGGER kennisplein_inhoud_versie"
        f" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION kennisplein_inhoud_gewijzigd();\n"
        for table in tables
    )


def uninstall_sql(tables) -> str:
    return "".join(
        f"DROP TRIGGER IF EXISTS kennisplein_inhoud_versie ON {table};\n" for table in tables
    )


# Reads the version: the number, what tells two databases (also a recreated one) apart, and the
# first moment after `na` (now) at which a published item appears or disappears (scheduled
# publishing: Item.zichtbaar_vanaf/zichtbaar_tot; no row changes at that moment, so the moment
# itself is part of the version). A PL/pgSQL function because PostgreSQL keeps its plan per
# connection: planning the statement for every request cost PostgreSQL five times as much as
# running it (10,000 items), and it runs for every kept page served. The plan must be the
# generic one: with the moment as a parameter PostgreSQL would otherwise plan it again for each
# call, probing the date indexes for their ends (0.3 ms a call at 10,000 items; generic: 0.03 ms).
# Installed by herstel migrations 0007 and 0008.
READER_SQL = """
CREATE OR REPLACE FUNCTION kennisplein_inhoudsversie_lezen(na timestamptz)
RETURNS TABLE (database oid, tabel oid, nummer bigint, volgende timestamptz)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
  SELECT (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()),
         'kennisplein_inhoudsversie'::regclass::oid,
         v.nummer,
         LEAST(
           (SELECT min(i.zichtbaar_vanaf) FROM kennisplein_item i
             WHERE i.status = 'gepubliceerd' AND i.zichtbaar_vanaf > na),
           (SELECT min(i.zichtbaar_tot) FROM kennisplein_item i
             WHERE i.status = 'gepubliceerd' AND i.zichtbaar_tot > na))
  FROM kennisplein_inhoudsversie v;
END $$;
"""


def _read() -> str:
    # The moment as a literal (the server's clock, never a visitor's input): binding it as a
    # parameter costs more CPU in this process than the rest of the read.
    now = timezone.now().isoformat()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM kennisplein_inhoudsversie_lezen('{now}')")  # noqa: S608
        database, table, number, next_change = cursor.fetchone()
    db = connection.settings_dict
    moment = next_change.isoformat() if next_change else "-"
    # The build: HTML rendered by the previous release is never served by the next. The
    # server, database and table ids: two databases never share keys.
    return f"{settings.BUILD_ID}:{db['HOST']}:{db['PORT']}:{database}:{table}:{number}:{moment}"


def content_version(request=None) -> str:
    """The version as a cache-key part; one query, once per request when `request` is given."""
    if request is None:
        return _read()
    if not hasattr(request, "_content_version"):
        request._content_version = _read()
    return request._content_version


def context(request):
    """Context processor: `content_version` for `{% cache %}` fragments, read only if used."""
    return {"content_version": SimpleLazyObject(lambda: content_version(request))}


KENNISPLEIN_TABLES = [
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
# Installed by herstel migration 0006: everything else that pages render from.
SITE_TABLES = [
    "herstel_regio",
    "herstel_organisatie",
    "herstel_programma",
    "herstel_bouwsteen",
    "herstel_programmacijfer",
    "herstel_project",
    "herstel_project_regios",
    "herstel_project_bouwstenen",
    "herstel_projectorganisatie",
    "herstel_opbrengst",
    "herstel_bereik",
    "herstel_les",
    "herstel_beoogdresultaat",
    "herstel_werkplaats",
    "herstel_bijeenkomst",
    "herstel_symposium",
    "herstel_symposiumonderdeel",
    "herstel_toegankelijkheidsverklaring",
    "gesprekstool_onderdeel",
    "gesprekstool_stelling",
    "gesprekstool_aanknopingspunt",
    "gesprekstool_aanknopingspunt_items",
    "werkplaats_stellingenset",
    "werkplaats_setstelling",
]
