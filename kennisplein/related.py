"""Related items: chosen by an editor, else recent items that share the most themes.

One query either way. The computed variant looks only at the newest items per theme (an index
scan each, see migration 0005), so it stays fast with 100,000 items.
"""

from .models import Item

SHOWN = 3
CANDIDATES_PER_TAG = 100

# Columns a related-item card shows; everything else stays deferred.
CARD_COLUMNS = "item.id, item.type, item.titel, item.slug, item.samenvatting"

RELATED_SQL = f"""
WITH chosen AS (
    SELECT {CARD_COLUMNS}, 0 AS shared
      FROM kennisplein_item_gerelateerd AS link
      JOIN kennisplein_item AS item ON item.id = link.to_item_id
     WHERE link.from_item_id = %(item)s AND item.status = 'gepubliceerd'
     ORDER BY item.titel
     LIMIT %(shown)s
), computed AS (
    SELECT candidate.item_id AS id, count(*) AS shared
      FROM unnest(%(tags)s::bigint[]) AS tag(id)
     CROSS JOIN LATERAL (
           SELECT link.item_id
             FROM {{table}} AS link
             JOIN kennisplein_item AS item
               ON item.id = link.item_id AND item.status = 'gepubliceerd'
            WHERE link.{{column}} = tag.id AND link.item_id <> %(item)s
            ORDER BY link.item_id DESC
            LIMIT %(candidates)s) AS candidate
     WHERE NOT EXISTS (SELECT 1 FROM chosen)
     GROUP BY candidate.item_id
     ORDER BY count(*) DESC, candidate.item_id DESC
     LIMIT %(shown)s
)
SELECT * FROM chosen
UNION ALL
SELECT {CARD_COLUMNS}, computed.shared
  FROM computed JOIN kennisplein_item AS item ON item.id = computed.id
 ORDER BY shared DESC, id DESC
"""  # noqa: S608 - only constants are formatted in


def related_items(item: Item) -> list[Item]:
    """Expects the item's tag ids (ItemQuerySet.with_tag_ids)."""
    if item.thema_ids:
        table, column, tags = "kennisplein_item_themas", "thema_id", item.thema_ids
    else:
        table, column, tags = "kennisplein_item_pijlers", "pijler_id", item.pijler_ids
    sql = RELATED_SQL.format(table=table, column=column)
    params = {"item": item.pk, "tags": tags, "shown": SHOWN, "candidates": CANDIDATES_PER_TAG}
    related = list(Item.objects.raw(sql, params))
    if related and related[0].shared == 0:  # hand-picked: keep the editor's (A-Z) order
        related.sort(key=lambda other: other.titel)
    return related
