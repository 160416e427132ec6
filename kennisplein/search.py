"""Full-text search over knowledge items: query parsing, ranking, snippets and suggestions.

Everything here is built for hostile input: the raw text is reduced to plain words before any of
it reaches PostgreSQL, so quotes, operators, control characters and emoji cannot break a query.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.db.models import F, FloatField, Func, Q, TextField, Value
from django.db.models.functions import Length
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import fold

CONFIG = "dutch"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
MAX_TERM_LENGTH = 40
# Letters and digits only: everything else separates words.
WORD = re.compile(r"[^\W_]+")
# Markers for highlighted words; characters from the Private Use Area, stripped from the text
# first, so stored text cannot forge them.
START, STOP = "\ue000", "\ue001"
MARKED = re.compile(f"{START}(.*?){STOP}", re.DOTALL)


def clean_query(raw: str | None) -> str:
    """The query as we show it back: printable, trimmed, at most MAX_QUERY_LENGTH characters."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFC", raw)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def query_terms(query: str) -> list[str]:
    """The words we search for: accent-folded, lower case, letters and digits only."""
    terms = []
    for word in WORD.findall(fold(query)):
        word = word[:MAX_TERM_LENGTH]
        if word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def build_search_query(terms: list[str]) -> SearchQuery | None:
    """All terms must match, each as a prefix ("herst" finds "herstel"), stemmed in Dutch."""
    if not terms:
        return None
    # Safe as raw tsquery syntax: every term is letters and digits only.
    return SearchQuery(" & ".join(f"{term}:*" for term in terms), search_type="raw", config=CONFIG)


def only_stop_words(terms: list[str]) -> bool:
    """True when Dutch stemming drops every term ("de", "een"): then FTS has nothing to look for."""
    if not terms:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT numnode(to_tsquery(%s, %s)) = 0", [CONFIG, " & ".join(terms)])
        return cursor.fetchone()[0]


class Fold(Func):
    function = "kennisplein_fold"
    output_field = TextField()


def filter_search(queryset, terms: list[str]):
    """Only the items that match; no ranking (for counting)."""
    query = build_search_query(terms)
    if query is None:
        return queryset.none()
    return queryset.filter(search_vector=query)


def apply_search(queryset, terms: list[str]):
    """Filter and annotate a highlighted snippet (as text with our markers); ranking is done
    by listing.RankedResults."""
    query = build_search_query(terms)
    if query is None:
        return queryset.none()
    return with_snippet(queryset.filter(search_vector=query), query)


def with_snippet(queryset, query):
    """The summary with the matched words between our markers (see highlight())."""
    return queryset.annotate(
        snippet=SearchHeadline(
            Func(
                F("samenvatting"),
                Value(START),
                Value(""),
                function="replace",
                output_field=TextField(),
            ),
            query,
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            # Summaries are two or three sentences: show all of it, with the matches marked.
            highlight_all=True,
        ),
    )


def filter_word_search(queryset, terms: list[str]):
    """For queries of only very common words ("een"), which full-text search ignores: match
    the whole word in the accent-folded title or summary instead (rare, so no index needed)."""
    queryset = queryset.alias(
        folded_titel=Fold(F("titel")), folded_samenvatting=Fold(F("samenvatting"))
    )
    for term in terms:
        pattern = rf"\m{term}\M"  # a term is letters and digits only: safe in a regex
        queryset = queryset.filter(
            Q(folded_titel__iregex=pattern) | Q(folded_samenvatting__iregex=pattern)
        )
    return queryset


def apply_word_search(queryset, terms: list[str]):
    return filter_word_search(queryset, terms).annotate(
        rank=Value(0.0, output_field=FloatField()), snippet=Value(None, output_field=TextField())
    )


def highlight(snippet: str | None) -> str:
    """Escape the snippet, then turn our markers into <mark> elements."""
    if not snippet:
        return ""
    html = MARKED.sub(r"<mark>\1</mark>", escape(snippet))
    return mark_safe(html.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above


@dataclass
class Suggestion:
    text: str
    terms: list[str]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (Levenshtein plus swapped neighbours), cut off at limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2 = None
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                previous2 is not None
                and i > 1
                and j > 1
                and char_a == b[j - 2]
                and a[i - 2] == char_b
            ):
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(term: str) -> int:
    return 1 if len(term) <= 5 else 2


def suggest(terms: list[str]) -> list[str] | None:
    """A corrected list of terms from the vocabulary of published items, or None."""
    from .models import Zoekwoord

    candidates_needed = [t for t in terms if len(t) >= 3 and not t.isdigit()]
    if not candidates_needed:
        return None
    lengths = {len(t) for t in candidates_needed}
    low, high = min(lengths) - 2, max(lengths) + 2
    vocabulary = list(
        Zoekwoord.objects.annotate(lengte=Length("woord"))
        .filter(aantal__gt=0, lengte__range=(low, high))
        .values_list("woord", "aantal")
    )
    known = {word for word, _ in vocabulary}
    corrected, changed = [], False
    for term in terms:
        if term in known or term not in candidates_needed:
            corrected.append(term)
            continue
        limit = allowed_distance(term)
        best = None
        for word, count in vocabulary:
            if word[0] != term[0] and limit == 1:
                continue
            distance = edit_distance(term, word, limit)
            if distance <= limit:
                key = (distance, -count, word)
                if best is None or key < best[0]:
                    best = (key, word)
        if best:
            corrected.append(best[1])
            changed = True
        else:
            corrected.append(term)
    return corrected if changed else None


VOCABULARY_SOURCE = """
    SELECT lexeme AS woord
      FROM kennisplein_item,
           unnest(to_tsvector('simple', kennisplein_fold(titel || ' ' || samenvatting || ' '
                                                          || inhoud)))
     WHERE status = 'gepubliceerd' {extra}
"""
VOCABULARY_FILTER = "char_length(woord) BETWEEN 3 AND 60 AND woord ~ '^[[:alpha:]]+$'"


def refresh_vocabulary():
    """Rebuild the suggestion vocabulary from every published item (manage.py zoekwoorden)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM kennisplein_zoekwoord")
        cursor.execute(
            f"INSERT INTO kennisplein_zoekwoord (woord, aantal) "  # noqa: S608 - constants only
            f"SELECT woord, count(*) FROM ({VOCABULARY_SOURCE.format(extra='')}) AS w "
            f"WHERE {VOCABULARY_FILTER} GROUP BY woord"
        )


def add_item_to_vocabulary(item_id: int):
    """Add the words of one item; runs after every save, so new words are known at once."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO kennisplein_zoekwoord (woord, aantal) "  # noqa: S608 - constants only
            f"SELECT DISTINCT woord, 1 FROM ({VOCABULARY_SOURCE.format(extra='AND id = %s')}) "
            f"AS w WHERE {VOCABULARY_FILTER} "
            f"ON CONFLICT (woord) DO UPDATE SET aantal = GREATEST(kennisplein_zoekwoord.aantal, 1)",
            [item_id],
        )
