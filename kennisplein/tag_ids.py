"""An item's pillar, theme and audience ids on its own row, kept there by PostgreSQL.

The list page counts, for every matching item, its tags per facet. Joining 100,000 items to
their link rows per facet took about 0.3 s each; with the ids on the item row
(`Item.pijler_ids`, `thema_ids`, `doelgroep_ids`, in a covering index) a count is one pass
over the matching items (`unnest` + GROUP BY) and a filter is `&&` on an array.

The many-to-many link tables stay the truth (admin, fixtures and related items use them).
Statement-level triggers on each link table (`install_sql`, installed by migrations) write
the arrays again for the items whose links a statement changed, in the same transaction: the
admin, fixtures, `kennisplein_genereer`'s COPY and a deleted tag (its links go by cascade)
alike, with no code path that can forget them.
"""

from django.contrib.postgres.fields import ArrayField
from django.db.models import BigIntegerField
from django.db.models.expressions import RawSQL

# (link table, its tag column, the item's array column); fixed names, as migrations need.
LINKS = [
    ("kennisplein_item_pijlers", "pijler_id", "pijler_ids"),
    ("kennisplein_item_themas", "thema_id", "thema_ids"),
    ("kennisplein_item_doelgroepen", "doelgroep_id", "doelgroep_ids"),
]
# The kind of tag as in the query string ("pijler") -> the item's array column.
COLUMNS = {column.removesuffix("_ids"): column for _table, _tag, column in LINKS}
# The columns are no model fields on purpose: Django would write an instance's (maybe stale)
# values back on every save, over what the triggers keep. Queries name them through this.
_ARRAY = ArrayField(BigIntegerField())


def expressions() -> dict:
    """The array columns by name, for alias(), annotate() or values()."""
    return {
        column: RawSQL(column, [], output_field=_ARRAY)  # noqa: S611 - our own names
        for column in COLUMNS.values()
    }


# A transition table may serve only one event: one trigger per event, sharing one function
# per link table. `changed` holds the link rows a statement added or removed. (Django never
# updates a link row: it deletes and inserts.)
_EVENTS = {
    "insert": "AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed",
    "delete": "AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed",
}


def _function_sql(table, tag_column, array_column):
    return f"""
CREATE OR REPLACE FUNCTION {array_column}_bijwerken() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE kennisplein_item item SET {array_column} = fresh.ids
  FROM (
    SELECT changed_items.item_id,
           coalesce(array_agg(link.{tag_column} ORDER BY link.{tag_column})
                    FILTER (WHERE link.{tag_column} IS NOT NULL), '{{}}') AS ids
    FROM (SELECT DISTINCT item_id FROM changed) changed_items
    LEFT JOIN {table} link ON link.item_id = changed_items.item_id
    GROUP BY changed_items.item_id
  ) fresh
  WHERE item.id = fresh.item_id AND item.{array_column} IS DISTINCT FROM fresh.ids;
  RETURN NULL;
END $$;
"""  # noqa: S608 - our own names


def install_sql() -> str:
    """The functions and triggers, and the arrays filled for every item (idempotent)."""
    parts = []
    for table, tag_column, array_column in LINKS:
        parts.append(
            f"ALTER TABLE kennisplein_item ADD COLUMN IF NOT EXISTS {array_column}"
            f" bigint[] NOT NULL DEFAULT '{{}}';\n"
            # Always in the row, never in the TOAST table (the table's toast_tuple_target
            # would put them there): every count reads them, and they are small.
            f"ALTER TABLE kennisplein_item ALTER COLUMN {array_column} SET STORAGE PLAIN;\n"
        )
        parts.append(_function_sql(table, tag_column, array_column))
        for event, clause in _EVENTS.items():
            parts.append(
                f"CREATE OR REPLACE TRIGGER {array_column}_{event} {clause.format(table=table)}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION {array_column}_bijwerken();\n"
            )
    # Filled once for every item, in one pass: each update rewrites the wide row.
    fill = ", ".join(
        f"{column} = coalesce((SELECT array_agg({tag} ORDER BY {tag}) FROM {table} link"  # noqa: S608
        f" WHERE link.item_id = item.id), '{{}}')"
        for table, tag, column in LINKS
    )
    parts.append(f"UPDATE kennisplein_item item SET {fill};\n")  # noqa: S608
    # What the facets read of every matching item, so that they read this index alone (an
    # index-only scan) and not the wide item rows: 21,000 pages at 100,000 items.
    columns = ", ".join(column for _t, _c, column in LINKS)
    parts.append(
        "CREATE INDEX IF NOT EXISTS item_facetten_idx ON kennisplein_item (status, type, id)"
        f" INCLUDE (zichtbaar_vanaf, zichtbaar_tot, {columns});\n"
    )
    return "".join(parts)


def uninstall_sql() -> str:
    return (
        "DROP INDEX IF EXISTS item_facetten_idx;\n"
        + "".join(
            f"ALTER TABLE kennisplein_item DROP COLUMN IF EXISTS {array_column};\n"
            for _t, _c, array_column in LINKS
        )
        + "".join(
            f"DROP TRIGGER IF EXISTS {array_column}_{event} ON {table};\n"
            for table, _tag_column, array_column in LINKS
            for event in _EVENTS
        )
        + "".join(
            f"DROP FUNCTION IF EXISTS {array_column}_bijwerken();\n"
            for _t, _c, array_column in LINKS
        )
    )
