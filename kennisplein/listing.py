"""The kennisplein list page: its state in the query string, and what it shows.

A search tries every word first; if no item has them all, any word (ranked, so items with
most words come first); if that finds nothing either (only very common words were typed),
those words as written in titles and summaries. Facet counts come in one statement, a grouped
count per facet over the matching items with the other facets' filters: a count says what
ticking that box would give; the number of results is the sum of the type counts. Unknown
values in the URL are ignored with a note, never an error.
"""

from dataclasses import dataclass, field
from functools import cache, partial

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import TextField, Value
from django.db.models.functions import Length
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.text import Truncator

from herstel.fragments import kept

from . import search, tag_ids
from .models import (
    BEST_FIRST,
    RANKED,
    Doelgroep,
    Item,
    ItemType,
    Pijler,
    Synoniem,
    Thema,
    Zoekwoord,
    rank_for,
)


class Sort:
    RELEVANTIE = "relevantie"
    NIEUWSTE = "nieuwste"
    A_Z = "a-z"
    CHOICES = [(RELEVANTIE, "Beste resultaat"), (NIEUWSTE, "Nieuwste eerst"), (A_Z, "Titel A–Z")]


# (query-string name, label, the tag model or None for the item type)
FACETS = [
    ("type", "Soort", None),
    ("pijler", "Pijler", Pijler),
    ("thema", "Thema", Thema),
    ("doelgroep", "Doelgroep", Doelgroep),
]

ALL_WORDS, SOME_WORDS, COMMON_WORDS = "alle", "sommige", "gewone"


@dataclass
class ListState:
    query: str = ""
    terms: search.SearchTerms | None = None
    selected: dict[str, list[str]] = field(default_factory=dict)
    sort: str = Sort.NIEUWSTE
    default_sort: str = Sort.NIEUWSTE
    ignored: list[str] = field(default_factory=list)

    @property
    def has_filters(self):
        return any(self.selected.values())

    @property
    def filter_count(self):
        return sum(len(values) for values in self.selected.values())


def parse_state(params) -> ListState:
    query = search.clean_query(params.get("q"))
    terms = search.SearchTerms(query, Synoniem.objects.mapping()) if query else None
    state = ListState(query=query, terms=terms or None)
    for name, _label, _model in FACETS:
        state.selected[name] = list(dict.fromkeys(v[:80] for v in params.getlist(name)[:50]))
    state.default_sort = Sort.RELEVANTIE if state.terms else Sort.NIEUWSTE
    sort = params.get("sort") or state.default_sort
    valid = {value for value, _label in Sort.CHOICES}
    state.sort = sort if sort in valid else state.default_sort
    if state.sort == Sort.RELEVANTIE and not state.terms:
        state.sort = Sort.NIEUWSTE
    return state


@dataclass
class ListResult:
    items: object  # a QuerySet in the chosen order, for the paginator
    facets: list[dict]
    total: int
    mode: str = ALL_WORDS
    pages: object = None  # `items` or the same for the paginator, cheaper (BestFirst)


def matching(state: ListState):
    """The published items the search finds, best first, and how they were found."""
    items = Item.objects.published()
    if not state.terms:
        return items, ALL_WORDS
    every = items.find(state.terms)
    if every.found_any():
        return every, ALL_WORDS
    some = items.find(state.terms, every_word=False)
    if len(state.terms.groups) > 1 and some.found_any():
        return some, SOME_WORDS
    return items.with_words(state.terms), COMMON_WORDS


def _filtered(items, selected, leave_out=None):
    for name, values in selected.items():
        if values and name != leave_out:
            items = (
                items.filter(type__in=values) if name == "type" else items.with_tag(name, values)
            )
    return items


def _count_sql(name, model, hits):
    """The SQL that counts, for one facet, the items in the named `hits` per value; a tag
    without items counts 0. Rows: facet, value, label, display order, count."""
    if model is None:
        return f"SELECT %s, type, '', 0, n FROM {hits} WHERE type IS NOT NULL"  # noqa: S608 - our own names
    ids = tag_ids.COLUMNS[name]
    order = "tag.volgorde" if any(f.name == "volgorde" for f in model._meta.fields) else "0"
    return (
        f"SELECT %s, tag.slug, tag.naam, {order}, coalesce(counted.n, 0) "  # noqa: S608 - our own names
        f"FROM {model._meta.db_table} tag LEFT JOIN ("
        f"SELECT tag_id, sum(n)::bigint AS n FROM {hits}, unnest({hits}.{ids}) AS tag_id"
        f" GROUP BY tag_id"
        f") counted ON counted.tag_id = tag.id"
    )


def _counts(items, selected, plain=None):
    """Per facet: [(value, label, count)] for every value, in display order.

    One statement for all four facets. Each facet counts over the matching items with the
    other facets' filters applied; those sets are computed once each, as named subqueries
    (without filters, or with one facet ticked, most facets share one). Each set is read
    once, with the items' type and tag ids (tag_ids.py), and counted in that one pass with
    GROUPING SETS: per type, and per distinct array of pillar, theme or audience ids (hashing
    an array is cheaper than unnesting it); the few groups are then unnested and summed. No
    join to the link tables, and no set of 95,000 rows kept in memory (344 instead of ~550 ms
    for the plain list at 100,000 items).

    `plain`, if given, returns the counts over every published item (`plain_counts`, kept
    per content version): a facet whose set is that one (no search, no other facet ticked:
    the plain list, and the ticked facet of a list with one facet ticked) takes its counts
    from there instead of counting the whole table again."""
    hits = {}  # (sql, params) of a set of items -> its name in the statement
    parts, part_params = [], []
    from_plain = {}
    for name, _label, model in FACETS:
        if plain is not None and not any(v for n, v in selected.items() if n != name):
            from_plain[name] = plain()[name]
            continue
        within = _filtered(items, selected, leave_out=name).order_by()
        sql, params = within.values("type", **tag_ids.expressions()).query.sql_with_params()
        hits_name = hits.setdefault((sql, tuple(params)), f"hits_{len(hits)}")
        parts.append(_count_sql(name, model, hits_name))
        part_params.append(name)
    found = {name: [] for name, _label, _model in FACETS if name not in from_plain}
    if parts:
        for name, value, label, _order, count in _count_rows(hits, parts, part_params):
            found[name].append((value, label, count))
    if "type" in found:
        types = {value: count for value, _label, count in found["type"]}
        found["type"] = [(value, label, types.get(value, 0)) for value, label in ItemType.choices]
    return from_plain | found


def _count_rows(hits, parts, part_params):
    """Run the facets' statement: the named sets of items, then the counts per facet."""
    columns = ", ".join(tag_ids.COLUMNS.values())
    grouping = ", ".join(f"({column})" for column in ["type", *tag_ids.COLUMNS.values()])
    with_sql = ", ".join(
        f"{name} AS (SELECT type, {columns}, count(*) AS n FROM ({sql}) AS items"  # noqa: S608 - our own names
        f" GROUP BY GROUPING SETS ({grouping}))"
        for (sql, _p), name in hits.items()
    )
    params = [param for (_sql, params), _name in hits.items() for param in params]
    union = " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        # Display order as Meta.ordering: volgorde, then naam in the database's collation.
        cursor.execute(
            f"WITH {with_sql} SELECT * FROM ({union}) AS facets ORDER BY 4, 3",  # noqa: S608
            params + part_params,
        )
        return cursor.fetchall()


def plain_counts(request=None):
    """The facet counts over every published item: what the plain list shows, and what the
    ticked facet of a list with one facet ticked shows. Counting them reads every published
    item (100 ms at 100,000 items), the same for every visitor until the content changes:
    so they are kept per content version (`kept`; the version includes the next scheduled
    publishing moment, so an item that appears or goes at its time is counted right)."""
    return kept(request, "kennisplein-facetten", [], lambda: _counts(Item.objects.published(), {}))


def build_list(state: ListState, request=None) -> ListResult:
    items, mode = matching(state)
    # Counts over every published item, read (kept or counted) only if a facet needs them.
    plain = None if state.terms else cache(partial(plain_counts, request))
    counts = _counts(items, state.selected, plain)
    for name, _label, _model in FACETS:  # values nobody knows are left out, with a note
        known = {value for value, _label, _count in counts[name]}
        state.ignored += [value for value in state.selected[name] if value not in known]
        state.selected[name] = [value for value in state.selected[name] if value in known]
    if state.ignored:
        counts = _counts(items, state.selected, plain)
    items = _filtered(items, state.selected)
    pages = None
    if state.sort == Sort.A_Z:
        items = items.hits_a_z() if state.terms else items.order_by("sort_title", "id")
    elif state.terms and (state.sort == Sort.NIEUWSTE or mode == COMMON_WORDS):
        items = items.hits_newest_first()
    elif state.sort == Sort.NIEUWSTE:
        items = items.newest_first()
    else:
        pages = BestFirst(items.for_cards(), state.terms)
        items = items.best_first(state.terms)
    facets = [
        {
            "name": name,
            "label": label,
            "choices": [
                {"value": v, "label": text, "count": n, "checked": v in state.selected[name]}
                for v, text, n in counts[name]
            ],
        }
        for name, label, _model in FACETS
    ]
    # The type facet counts with every other filter, and an item has one type: so the ticked
    # types' counts (or all of them) add up to the number of results, without a COUNT query.
    chosen_types = state.selected["type"]
    total = sum(n for v, _text, n in counts["type"] if not chosen_types or v in chosen_types)
    items = items.for_cards()
    return ListResult(items=items, facets=facets, total=total, mode=mode, pages=pages or items)


class BestFirst:
    """A search's hits (filtered, for cards) in the order of `best_first()`, for the
    paginator: `[start:stop]` gives that page, reading no more than it needs.

    Ordering every hit by rank reads each hit twice, once to find the RANKED newest and once
    to order them all: 125 ms for "herst" (in all 100,000 items). The first RANKED places hold
    exactly the RANKED newest hits, best first; a page among them reads those (found from
    the index by date, then scored), a page past them the hits newest first from the same
    place on."""

    def __init__(self, hits, terms):
        self.hits, self.terms = hits, terms

    def __getitem__(self, key):
        start, stop = key.start or 0, key.stop
        page = []
        if start < RANKED:
            ranked = Item.objects.filter(pk__in=self.hits.scored()).for_cards()
            ranked = ranked.annotate(rank=rank_for(self.terms)).order_by(*BEST_FIRST)
            page += ranked[start : min(stop, RANKED)]
        if stop > RANKED:
            page += self.hits.hits_newest_first()[max(start, RANKED) : stop]
        return page


def with_snippets(items: list, state: ListState, mode: str):
    """Give the page's items `title_html` and `snippet_html`. After a search, with the words
    searched for marked as written in the items (from the vocabulary: "brief" marks
    "brieven"), and the passage of the summary or body where they are."""
    for item in items:
        item.title_html = escape(item.titel)
        item.snippet_html = escape(Truncator(item.samenvatting).words(40))
    if not (items and state.terms):
        return items
    words = _highlight_words(state, mode)
    marked = Item.objects.filter(pk__in=[item.pk for item in items]).with_snippets(words)
    fields = ["pk", "title_marked", "summary_marked", "body_marked"]
    found = {row[0]: row[1:] for row in marked.values_list(*fields)}
    for item in items:
        title, summary, body = found[item.pk]
        item.title_html = search.highlight(title)
        # The summary when a word is marked in it, else the passage of the body that has one.
        if search.START in summary or search.START not in body:
            item.snippet_html = search.highlight(summary)
        else:
            item.snippet_html = search.highlight(body)
    return items


def _highlight_words(state, mode):
    """The words to mark: as typed after a search of common words, else the (at most 100
    most common) ways the vocabulary writes the words searched for, looked up inside the
    snippet query itself."""
    if mode == COMMON_WORDS:
        return Value(state.terms.terms, output_field=ArrayField(TextField()))
    written = Zoekwoord.objects.filter(vector=state.terms.query(every_word=False))
    return ArraySubquery(written.order_by("-aantal").values("woord")[:100])


def url_without(params, name, value=None) -> str:
    """The current list URL with one filter value (or a whole parameter) removed, and without
    empty parameters."""
    pairs = [
        (key, item)
        for key in params
        for item in params.getlist(key)
        if item and key != "page" and not (key == name and (value is None or item == value))
    ]
    return "?" + urlencode(pairs) if pairs else "?"


def active_filters(facets, params) -> list[dict]:
    """The ticked values, each with a link that removes just that one."""
    return [
        {
            "label": choice["label"],
            "facet": facet["label"],
            "url": url_without(params, facet["name"], choice["value"]),
        }
        for facet in facets
        for choice in facet["choices"]
        if choice["checked"]
    ]


SUGGESTION_CANDIDATES = 2000  # the most common words of about the right length


def spelling_suggestion(state: ListState, params) -> dict | None:
    """ "Bedoelde je …?": the query with unknown words replaced by a close, common word from
    the vocabulary, only offered when it finds something."""
    terms = state.terms.terms
    lengths = [len(term) for term in terms]
    vocabulary = (
        Zoekwoord.objects.annotate(lengte=Length("woord"))
        .filter(aantal__gt=0, lengte__range=(min(lengths) - 2, max(lengths) + 2))
        .order_by("-aantal", "woord")
        .values_list("woord", flat=True)[:SUGGESTION_CANDIDATES]
    )
    written = {}  # folded -> the most common way to write it
    for word in vocabulary:
        written.setdefault(search.fold(word), word)
    corrected = [
        term
        if term in written or len(term) < 3 or term.isdigit()
        else search.closest(term, list(written)) or term
        for term in terms
    ]
    if corrected == terms:
        return None
    query = " ".join(written.get(term, term) for term in corrected)
    if not _filtered(Item.objects.published().find(query), state.selected).found_any():
        return None
    changed = params.copy()
    changed["q"] = query
    changed.pop("page", None)
    return {"query": query, "url": url_without(changed, None)}
