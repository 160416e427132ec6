"""Related items: chosen by an editor, else recent items that share the most themes.

The computed variant looks only at the newest items per theme (an index scan each, see
migration 0005), so it stays fast with 100,000 items.
"""

from django.db import connection

from .models import Item

SHOWN = 3
CANDIDATES_PER_TAG = 100

SHARED_TAGS_SQL = """
SELECT candidate.item_id
  FROM unnest(%s::bigint[]) AS tag(id)
 CROSS JOIN LATERAL (
       SELECT link.item_id
         FROM {table} AS link
         JOIN kennisplein_item AS item ON item.id = link.item_id AND item.status = 'gepubliceerd'
        WHERE link.{column} = tag.id AND link.item_id <> %s
        ORDER BY link.item_id DESC
        LIMIT %s) AS candidate
 GROUP BY candidate.item_id
 ORDER BY count(*) DESC, candidate.item_id DESC
 LIMIT %s
"""


def _shared(table, column, tag_ids, item_id):
    sql = SHARED_TAGS_SQL.format(table=table, column=column)
    with connection.cursor() as cursor:
        cursor.execute(sql, [tag_ids, item_id, CANDIDATES_PER_TAG, SHOWN])
        return [row[0] for row in cursor.fetchall()]


def related_items(item: Item) -> list[Item]:
    """Expects item.themas and item.pijlers prefetched (ItemQuerySet.for_detail)."""
    cards = Item.objects.published().defer("inhoud", "search_vector", "rank_vector")
    chosen = list(cards.filter(pk__in=item.gerelateerd.all()).order_by("titel")[:SHOWN])
    if chosen:
        return chosen
    thema_ids = [thema.id for thema in item.themas.all()]
    if thema_ids:
        ids = _shared("kennisplein_item_themas", "thema_id", thema_ids, item.pk)
    else:
        pijler_ids = [pijler.id for pijler in item.pijlers.all()]
        ids = _shared("kennisplein_item_pijlers", "pijler_id", pijler_ids, item.pk)
    by_id = cards.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]
