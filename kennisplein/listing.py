"""The state of the kennisplein list page (search, filters, sort) and what it shows.

The state lives in the query string. Unknown values are ignored, never an error. Searching is
done by PostgreSQL (search.find), filtering, counting and ordering by the facet index
(facets.py); only the items of the page shown are then read from the database.
"""

from dataclasses import dataclass, field

import numpy as np
from django.utils.http import urlencode

from . import facets, search
from .models import Item
from .tags import tags_for


class Sort:
    RELEVANTIE = "relevantie"
    NIEUWSTE = "nieuwste"
    A_Z = "a-z"
    CHOICES = [(RELEVANTIE, "Beste resultaat"), (NIEUWSTE, "Nieuwste eerst"), (A_Z, "Titel A–Z")]


# (query-string name, label)
FACETS = [("type", "Soort"), ("pijler", "Pijler"), ("thema", "Thema"), ("doelgroep", "Doelgroep")]


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


def parse_state(params, options) -> ListState:
    state = ListState(query=search.clean_query(params.get("q")))
    state.terms = search.query_terms(state.query)
    for name, _label in FACETS:
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


class ItemsInOrder:
    """The items with these ids, in this order; the paginator asks for one page at a time."""

    def __init__(self, ids: np.ndarray, queryset, tags):
        self.ids = ids
        self.queryset = queryset
        self.tags = tags

    def count(self):
        return len(self.ids)

    __len__ = count

    def __getitem__(self, window: slice):
        ids = self.ids[window].tolist()
        found = self.queryset.in_bulk(ids)
        # An item unpublished since the index was built is left out.
        return self.tags.attach([found[pk] for pk in ids if pk in found])


@dataclass
class ListResult:
    state: ListState
    items: ItemsInOrder
    total: int
    counts: dict
    word_search: bool = False


def build_list(state: ListState, version: str) -> ListResult:
    index = facets.index_for(version)
    hits = search.find(index, state.terms, version)
    selection = index.select(state.selected, within=hits.mask if hits else None)
    if hits and state.sort == Sort.RELEVANTIE:
        # Every word in the title first, then in the title or summary, then the rest.
        ids = index.in_groups(selection.mask, hits.title, hits.strong)
    elif state.sort == Sort.A_Z:
        ids = index.a_to_z(selection.mask)
    else:
        ids = index.newest_first(selection.mask)
    queryset = Item.objects.published().for_list()
    if hits and not hits.word_search:
        queryset = search.with_snippet(queryset, search.build_search_query(state.terms))
    return ListResult(
        state=state,
        items=ItemsInOrder(ids, queryset, tags_for(version)),
        total=selection.total,
        counts=selection.counts,
        word_search=bool(hits and hits.word_search),
    )


def facet_groups(result: ListResult, options) -> list[dict]:
    """The filter sidebar: every facet with its values, counts and which are ticked."""
    groups = []
    for name, label in FACETS:
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


def spelling_suggestion(state: ListState, version: str, params) -> dict | None:
    """ "Bedoelde je …?": a corrected query, only offered when it finds something."""
    corrected = search.suggest(state.terms)
    if not corrected:
        return None
    index = facets.index_for(version)
    hits = search.find(index, corrected, version)
    if index.select(state.selected, within=hits.mask).total == 0:
        return None
    changed = params.copy()
    changed["q"] = " ".join(corrected)
    changed.pop("page", None)
    return {"query": changed["q"], "url": "?" + changed.urlencode()}
