"""The texts furthest from B1: items' titles, summaries and bodies, and every statement of the
conversation tool (measured against the stricter target for young people).

Measured in Python on each visit of the admin page (kennisplein.leesbaarheid): two queries, and
about a second of CPU for a few hundred texts. Should the site grow to thousands of items, store
the score on save instead.
"""

from dataclasses import dataclass

from django.urls import reverse

from gesprekstool.models import Stelling
from kennisplein.leesbaarheid import B1, JONGEREN, Readability, measure
from kennisplein.models import Item


@dataclass
class Row:
    kind: str
    title: str
    field: str
    url: str
    readability: Readability


def _item_rows():
    items = Item.objects.only("pk", "titel", "samenvatting", "inhoud").order_by("pk")
    for item in items:
        url = reverse("admin:kennisplein_item_change", args=[item.pk])
        for name in ("titel", "samenvatting", "inhoud"):
            yield Row("Kennisitem", item.titel, name, url, measure(getattr(item, name), B1))


def _statement_rows():
    statements = (
        Stelling.objects.filter(gearchiveerd=False).select_related("onderdeel").order_by("pk")
    )
    for statement in statements:
        url = reverse("admin:gesprekstool_stelling_change", args=[statement.pk])
        title = f"{statement.onderdeel}: {statement.tekst}"
        yield Row("Stelling", title, "tekst", url, measure(statement.tekst, JONGEREN))


def furthest_from_b1(*, kind=None, limit=50):
    """(rows furthest from their target first, how many texts are off target in all)."""
    sources = {"item": _item_rows, "stelling": _statement_rows}
    rows = [
        row
        for key, source in sources.items()
        if kind in (None, key)
        for row in source()
        if not row.readability.on_target
    ]
    rows.sort(key=lambda row: -row.readability.distance)
    return rows[:limit], len(rows)
