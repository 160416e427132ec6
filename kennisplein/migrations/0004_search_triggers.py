"""The search vector and the content version, kept current by the database itself.

Triggers (not Django signals) so that bulk inserts, queryset updates, fixtures and raw SQL all
keep the search vector right. Accent folding uses translate() with the table from
kennisplein/text.py, frozen here: `unaccent` is a contrib extension we cannot rely on.
"""

from django.db import migrations

FOLD_FROM = (
    "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜ"
    "ĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĲĳĴĵĶķĹĺĻļĽľĿŀŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹ"
    "źŻżŽžſƠơƯưǄǅǆǇǈǉǊǋǌǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǱǲǳǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖ"
    "ȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ"
)
FOLD_TO = (
    "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeG"
    "gGgGgGgHhIiIiIiIiIIiJjKkLlLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZ"
    "zZzZzsOoUuDDdLLlNNnAaIiOoUuUuUuUuUuAaAaGgKkOoOojDDdGgNnAaAaAaEeEeIiIiOoOoRrRrUuU"
    "uSsTtHhAaEeOoOoOoOoYy"
)

SQL = r"""
CREATE OR REPLACE FUNCTION kennisplein_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT translate(coalesce(t, ''), '__FOLD_FROM__', '__FOLD_TO__') $$;

CREATE OR REPLACE FUNCTION kennisplein_item_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.search_vector IS NOT NULL
     AND NEW.titel IS NOT DISTINCT FROM OLD.titel
     AND NEW.samenvatting IS NOT DISTINCT FROM OLD.samenvatting
     AND NEW.inhoud IS NOT DISTINCT FROM OLD.inhoud
     AND NEW.bron IS NOT DISTINCT FROM OLD.bron THEN
    RETURN NEW;
  END IF;
  NEW.search_vector :=
       setweight(to_tsvector('dutch', kennisplein_fold(NEW.titel)), 'A')
    || setweight(to_tsvector('dutch', kennisplein_fold(NEW.samenvatting)), 'B')
    || setweight(to_tsvector('dutch', kennisplein_fold(
         coalesce((SELECT string_agg(t.naam, ' ')
                     FROM kennisplein_thema t
                     JOIN kennisplein_item_themas it ON it.thema_id = t.id
                    WHERE it.item_id = NEW.id), '')
         || ' ' || coalesce(NEW.bron, '') || ' ' || coalesce(NEW.inhoud, ''))), 'C');
  RETURN NEW;
END $$;

CREATE TRIGGER kennisplein_item_search_vector
BEFORE INSERT OR UPDATE ON kennisplein_item
FOR EACH ROW EXECUTE FUNCTION kennisplein_item_search_vector();

-- Themes are part of the vector: when an item's themes change, recompute that item.
CREATE OR REPLACE FUNCTION kennisplein_item_themas_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE kennisplein_item SET search_vector = NULL
     WHERE id IN (SELECT DISTINCT item_id FROM new_rows);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE kennisplein_item SET search_vector = NULL
     WHERE id IN (SELECT DISTINCT item_id FROM old_rows);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER kennisplein_item_themas_insert AFTER INSERT ON kennisplein_item_themas
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION kennisplein_item_themas_changed();
CREATE TRIGGER kennisplein_item_themas_delete AFTER DELETE ON kennisplein_item_themas
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION kennisplein_item_themas_changed();
CREATE TRIGGER kennisplein_item_themas_update AFTER UPDATE ON kennisplein_item_themas
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION kennisplein_item_themas_changed();

CREATE OR REPLACE FUNCTION kennisplein_thema_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE kennisplein_item SET search_vector = NULL
   WHERE id IN (SELECT item_id FROM kennisplein_item_themas WHERE thema_id = NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER kennisplein_thema_renamed AFTER UPDATE OF naam ON kennisplein_thema
FOR EACH ROW WHEN (OLD.naam IS DISTINCT FROM NEW.naam)
EXECUTE FUNCTION kennisplein_thema_renamed();

-- The content version: any change to the knowledge base moves it on, so cached facet counts
-- keyed on it can never be stale. A sequence, so writers never wait on each other.
CREATE SEQUENCE kennisplein_inhoud_versie;

CREATE OR REPLACE FUNCTION kennisplein_inhoud_gewijzigd() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('kennisplein_inhoud_versie');
  RETURN NULL;
END $$;
""" + "".join(
    f"""
CREATE TRIGGER kennisplein_inhoud_versie AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION kennisplein_inhoud_gewijzigd();
"""
    for table in [
        "kennisplein_item",
        "kennisplein_item_pijlers",
        "kennisplein_item_themas",
        "kennisplein_item_doelgroepen",
        "kennisplein_item_gerelateerd",
        "kennisplein_pijler",
        "kennisplein_thema",
        "kennisplein_doelgroep",
        "kennisplein_bijlage",
    ]
) + """
UPDATE kennisplein_item SET search_vector = NULL;
"""
SQL = SQL.replace("__FOLD_FROM__", FOLD_FROM).replace("__FOLD_TO__", FOLD_TO)

REVERSE_SQL = """
DROP TRIGGER IF EXISTS kennisplein_item_search_vector ON kennisplein_item;
DROP TRIGGER IF EXISTS kennisplein_item_themas_insert ON kennisplein_item_themas;
DROP TRIGGER IF EXISTS kennisplein_item_themas_delete ON kennisplein_item_themas;
DROP TRIGGER IF EXISTS kennisplein_item_themas_update ON kennisplein_item_themas;
DROP TRIGGER IF EXISTS kennisplein_thema_renamed ON kennisplein_thema;
""" + "".join(
    f"DROP TRIGGER IF EXISTS kennisplein_inhoud_versie ON {table};\n"
    for table in [
        "kennisplein_item",
        "kennisplein_item_pijlers",
        "kennisplein_item_themas",
        "kennisplein_item_doelgroepen",
        "kennisplein_item_gerelateerd",
        "kennisplein_pijler",
        "kennisplein_thema",
        "kennisplein_doelgroep",
        "kennisplein_bijlage",
    ]
) + """
DROP FUNCTION IF EXISTS kennisplein_inhoud_gewijzigd();
DROP SEQUENCE IF EXISTS kennisplein_inhoud_versie;
DROP FUNCTION IF EXISTS kennisplein_thema_renamed();
DROP FUNCTION IF EXISTS kennisplein_item_themas_changed();
DROP FUNCTION IF EXISTS kennisplein_item_search_vector();
DROP FUNCTION IF EXISTS kennisplein_fold(text);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("kennisplein", "0003_item_fields_bijlage_doelgroep_zoekwoord"),
    ]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
