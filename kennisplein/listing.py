"""The state of the kennisplein list page (search, filters, sort) and its facet counts.

The state lives in the query string. Unknown values are ignored, never an error. Facet counts
and totals are cached under the content version, which a database trigger moves on at every
change (migration 0004), so a cached count is never stale.
"""

import hashlib
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, F, Func, Value
from django.utils.http import urlencode

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


def content_version() -> str:
    """Changes with every change to the knowledge base (a trigger calls nextval), and differs
    between databases, also a recreated one (the object ids), so cache keys never mix."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT oid FROM pg_database WHERE datname = current_database()), "
            "'kennisplein_inhoud_versie'::regclass::oid, last_value, is_called "
            "FROM kennisplein_inhoud_versie"
        )
        database, sequence, value, called = cursor.fetchone()
    settings = connection.settings_dict
    return f"{settings['HOST']}:{settings['PORT']}:{database}:{sequence}:{value}:{int(called)}"


def facet_options(version: str) -> dict[str, list[tuple]]:
    """Every value each facet can take, as (value, label, id), in display order."""

    def load():
        return {
            "type": [(value, label, value) for value, label in ItemType.choices],
            "pijler": list(Pijler.objects.values_list("slug", "naam", "id")),
            "thema": list(Thema.objects.values_list("slug", "naam", "id")),
            "doelgroep": list(Doelgroep.objects.values_list("slug", "naam", "id")),
        }

    key = "kennisplein:opties:" + hashlib.sha256(version.encode()).hexdigest()[:40]
    return cache.get_or_set(key, load, CACHE_SECONDS)


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
        digest = hashlib.sha256("|".join([version, *parts]).encode()).hexdigest()[:40]
        return f"kennisplein:lijst:{digest}"


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


def filtered(state: ListState, options, *, word_search=False, skip=None, text=True):
    """Published items matching the search (unless text=False) and every facet except `skip`."""
    queryset = Item.objects.published()
    if state.terms and text:
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


# facet -> the item's array column with its ids (kept by triggers, migration 0009)
FACET_ARRAYS = {
    "pijler": "facet_pijlers",
    "thema": "facet_themas",
    "doelgroep": "facet_doelgroepen",
}


def aggregates(state: ListState, options, *, word_search=False) -> dict:
    """The total and every facet's counts in one pass over the matching items.

    Each facet is counted over the other facets' filters, so a count says how many results
    you get when you tick that box too (values within a facet widen the result).
    """
    hits = Item.objects.published()
    if state.terms:
        finder = search.filter_word_search if word_search else search.filter_search
        hits = finder(hits, state.terms)
    if state.terms and not word_search:
        # Whether all words occur in the title or summary: those hits are ranked first.
        hits = hits.annotate(
            strong=Func(
                F("rank_vector"),
                search.build_search_query(state.terms),
                function="",
                arg_joiner=" @@ ",
                output_field=BooleanField(),
            )
        )
    else:
        hits = hits.annotate(strong=Value(False))
    hits_sql, hits_params = (
        hits.order_by().values("type", "strong", *FACET_ARRAYS.values()).query.sql_with_params()
    )

    # One condition per facet with a selection; every value is a query parameter.
    conditions = {}
    if state.selected.get("type"):
        conditions["type"] = ("h.type = ANY(%s)", list(state.selected["type"]))
    for name, column in FACET_ARRAYS.items():
        if state.selected.get(name):
            conditions[name] = (
                f"h.{column} && %s::bigint[]",
                _ids(options, name, state.selected[name]),
            )

    columns, params = [], []

    def count(label, condition=None, condition_params=(), skip=None):
        parts = [condition] if condition else []
        parts_params = list(condition_params)
        for facet, (sql, value) in conditions.items():
            if facet != skip:
                parts.append(sql)
                parts_params.append(value)
        where = " AND ".join(parts) or "TRUE"
        columns.append(f"count(*) FILTER (WHERE {where})")
        params.extend(parts_params)
        labels.append(label)

    labels = []
    count(("totaal", None))
    count(("sterk", None), "h.strong")
    for value, _label, _pk in options["type"]:
        count(("type", value), "h.type = %s", [value], skip="type")
    for name, column in FACET_ARRAYS.items():
        for value, _label, pk in options[name]:
            count((name, value), f"%s = ANY(h.{column})", [pk], skip=name)
    statement = f"SELECT {', '.join(columns)} FROM ({hits_sql}) AS h"  # noqa: S608 - constants
    with connection.cursor() as cursor:
        cursor.execute(statement, params + list(hits_params))
        row = cursor.fetchone()

    counts = {name: {} for name, _field, _label in FACETS}
    totals = {}
    for (facet, value), number in zip(labels, row, strict=True):
        if value is None:
            totals[facet] = number
        else:
            counts[facet][value] = number
    return {"total": totals["totaal"], "strong": totals["sterk"], "counts": counts}


class RankedResults:
    """Search hits in order of relevance, for the paginator, in two parts: first the items
    with every word in the title or summary, ranked (title above summary); then the items that
    have the words only in the body or themes, newest first. Ranking only the first part keeps
    a common word fast with 100,000 items: the large body vectors are never ranked."""

    def __init__(self, base, terms, *, strong, total):
        """base: published items with the facet filters, without the text search."""
        query = search.build_search_query(terms)
        # rank_vector is part of search_vector, so matching it alone is enough here, and its
        # own GIN index finds these hits without reading the large vectors.
        self.strong_part = (
            search.with_snippet(base.filter(rank_vector=query), query)
            .annotate(rank=SearchRank(F("rank_vector"), query))
            .order_by("-rank", "-publicatiedatum", "-id")
        )
        self.rest = search.with_snippet(
            base.filter(search_vector=query).exclude(rank_vector=query), query
        ).newest_first()
        self.strong = strong
        self.total = total

    def __len__(self):
        return self.total

    def count(self):
        return self.total

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        first = list(self.strong_part[start:stop]) if start < self.strong else []
        if stop > self.strong:
            rest_start = max(start - self.strong, 0)
            first += list(self.rest[rest_start : stop - self.strong])
        return first


@dataclass
class ListResult:
    state: ListState
    items: object  # a QuerySet, to be paginated
    total: int
    counts: dict
    word_search: bool = False


def build_list(state: ListState, options, version: str) -> ListResult:
    word_search = False

    def compute():
        return aggregates(state, options, word_search=word_search)

    cached = cache.get_or_set(state.cache_key(version), compute, CACHE_SECONDS)
    if cached["total"] == 0 and state.terms and search.only_stop_words(state.terms):
        # Only very common words ("een"), which full-text search skips: look for whole words.
        word_search = True
        cached = cache.get_or_set(state.cache_key(version, "woord"), compute, CACHE_SECONDS)
    items = filtered(state, options, word_search=word_search).for_list()
    if state.sort == Sort.RELEVANTIE and not word_search:
        base = filtered(state, options, text=False).for_list()
        items = RankedResults(base, state.terms, strong=cached["strong"], total=cached["total"])
    elif state.sort == Sort.RELEVANTIE:
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


def facet_groups(result: ListResult, options) -> list[dict]:
    """The filter sidebar: every facet with its values, counts and which are ticked."""
    groups = []
    for name, _field, label in FACETS:
        choices = [
            {
                "value": value,
                "label": option_label,
                "count": result.counts[name].get(value, 0),
                "checked": value in result.state.selected[name],
            }
            for value, option_label, _pk in options[name]
        ]
        groups.append({"name": name, "label": label, "choices": choices})
    return groups


def url_without(params, name, value=None) -> str:
    """The current list URL with one filter value (or a whole parameter) removed."""
    pairs = [
        (key, item)
        for key in params
        for item in params.getlist(key)
        if key != "page" and not (key == name and (value is None or item == value))
    ]
    return "?" + urlencode(pairs) if pairs else "?"


def active_filters(groups, params) -> list[dict]:
    """The ticked values, each with a link that removes just that one."""
    return [
        {
            "label": choice["label"],
            "facet": group["label"],
            "url": url_without(params, group["name"], choice["value"]),
        }
        for group in groups
        for choice in group["choices"]
        if choice["checked"]
    ]


def spelling_suggestion(state: ListState, options, params) -> dict | None:
    """ "Bedoelde je …?": a corrected query, only offered when it finds something."""
    corrected = search.suggest(state.terms)
    if not corrected:
        return None
    trial = ListState(query=" ".join(corrected), terms=corrected, selected=state.selected)
    if not filtered(trial, options).exists():
        return None
    changed = params.copy()
    changed["q"] = trial.query
    changed.pop("page", None)
    return {"query": trial.query, "url": "?" + changed.urlencode()}
