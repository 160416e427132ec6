"""The state of the kennisplein list page (search, filters, sort) and its facet counts.

The state lives in the query string. Unknown values are ignored, never an error. Facet counts
and totals are cached under the content version, which a database trigger moves on at every
change (migration 0004), so a cached count is never stale.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Count

from . import search
from .models import Doelgroep, Item, ItemType, Pijler, Thema

CACHE_SECONDS = 300


class Sort:
    RELEVANTIE = "relevantie"
    NIEUWSTE = "nieuwste"
    A_Z = "a-z"
    CHOICES = [(RELEVANTIE, "Beste resultaat"), (NIEUWSTE, "Nieuwste eerst"), (A_Z, "Titel A–Z")]


# (query-string name, Item field to filter on, label)
FACETS = [
    ("type", "type", "Soort"),
    ("pijler", "pijlers", "Pijler"),
    ("thema", "themas", "Thema"),
    ("doelgroep", "doelgroepen", "Doelgroep"),
]


def content_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value FROM kennisplein_inhoud_versie")
        return cursor.fetchone()[0]


def facet_options(version: int) -> dict[str, list[tuple]]:
    """Every value each facet can take, as (value, label, id), in display order."""

    def load():
        return {
            "type": [(value, label, value) for value, label in ItemType.choices],
            "pijler": list(Pijler.objects.values_list("slug", "naam", "id")),
            "thema": list(Thema.objects.values_list("slug", "naam", "id")),
            "doelgroep": list(Doelgroep.objects.values_list("slug", "naam", "id")),
        }

    return cache.get_or_set(f"kennisplein:opties:{version}", load, CACHE_SECONDS)


@dataclass
class ListState:
    query: str = ""
    terms: list[str] = field(default_factory=list)
    selected: dict[str, list[str]] = field(default_factory=dict)
    sort: str = Sort.NIEUWSTE
    default_sort: str = Sort.NIEUWSTE
    ignored: list[str] = field(default_factory=list)

    @property
    def has_filters(self):
        return any(self.selected.values())

    def cache_key(self, version, extra=""):
        parts = [self.query.lower(), *(",".join(sorted(v)) for v in self.selected.values()), extra]
        digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
        return f"kennisplein:lijst:{version}:{digest}"


def parse_state(params, options) -> ListState:
    state = ListState(query=search.clean_query(params.get("q")))
    state.terms = search.query_terms(state.query)
    for name, _field, _label in FACETS:
        known = {value for value, _label, _id in options[name]}
        chosen = []
        for value in params.getlist(name)[:50]:
            if value in known and value not in chosen:
                chosen.append(value)
            elif value not in known:
                state.ignored.append(value[:50])
        state.selected[name] = chosen
    state.default_sort = Sort.RELEVANTIE if state.terms else Sort.NIEUWSTE
    sort = params.get("sort") or state.default_sort
    valid = {value for value, _label in Sort.CHOICES}
    state.sort = sort if sort in valid else state.default_sort
    if state.sort == Sort.RELEVANTIE and not state.terms:
        state.sort = Sort.NIEUWSTE
    return state


def _ids(options, name, slugs):
    lookup = {value: pk for value, _label, pk in options[name]}
    return [lookup[slug] for slug in slugs]


def filtered(state: ListState, options, *, word_search=False, skip=None):
    """Published items matching the search and every facet except `skip`."""
    queryset = Item.objects.published()
    if state.terms:
        if word_search:
            queryset = search.apply_word_search(queryset, state.terms)
        else:
            queryset = search.apply_search(queryset, state.terms)
    for name, field_name, _label in FACETS:
        values = state.selected.get(name)
        if not values or name == skip:
            continue
        if name == "type":
            queryset = queryset.filter(type__in=values)
        else:
            # A subquery per facet keeps the rows unique (no join duplicates, no DISTINCT).
            through = getattr(Item, field_name).through
            column = {"pijlers": "pijler_id", "themas": "thema_id", "doelgroepen": "doelgroep_id"}[
                field_name
            ]
            queryset = queryset.filter(
                id__in=through.objects.filter(
                    **{f"{column}__in": _ids(options, name, values)}
                ).values("item_id")
            )
    return queryset


def facet_counts(state: ListState, options, *, word_search=False) -> dict[str, dict]:
    """{facet: {value: count}}; each facet counted over the other facets' filters, so a count
    says how many results you get when you tick that box too."""
    counts = {}
    for name, field_name, _label in FACETS:
        base = filtered(state, options, word_search=word_search, skip=name)
        if name == "type":
            rows = base.order_by().values_list("type").annotate(n=Count("id"))
            counts[name] = dict(rows)
            continue
        through = getattr(Item, field_name).through
        column = {"pijlers": "pijler_id", "themas": "thema_id", "doelgroepen": "doelgroep_id"}[
            field_name
        ]
        rows = (
            through.objects.filter(item_id__in=base.order_by().values("id"))
            .order_by()
            .values_list(column)
            .annotate(n=Count("item_id"))
        )
        by_id = dict(rows)
        counts[name] = {value: by_id.get(pk, 0) for value, _label, pk in options[name]}
    return counts


@dataclass
class ListResult:
    state: ListState
    items: object  # a QuerySet, to be paginated
    total: int
    counts: dict
    word_search: bool = False


def build_list(state: ListState, options, version: int) -> ListResult:
    word_search = bool(state.terms) and search.only_stop_words(state.terms)
    key = state.cache_key(version, "woord" if word_search else "")

    def aggregates():
        return {
            "total": filtered(state, options, word_search=word_search).count(),
            "counts": facet_counts(state, options, word_search=word_search),
        }

    cached = cache.get_or_set(key, aggregates, CACHE_SECONDS)
    items = filtered(state, options, word_search=word_search).for_list()
    if state.sort == Sort.RELEVANTIE:
        items = items.order_by("-rank", "-publicatiedatum", "-id")
    elif state.sort == Sort.A_Z:
        items = items.order_by("titel", "id")
    else:
        items = items.newest_first()
    return ListResult(
        state=state,
        items=items,
        total=cached["total"],
        counts=cached["counts"],
        word_search=word_search,
    )
