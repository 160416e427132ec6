"""Full-text search over knowledge items: query parsing, ranking, snippets and suggestions.

Everything here is built for hostile input: the raw text is reduced to plain words before any of
it reaches PostgreSQL, so quotes, operators, control characters and emoji cannot break a query.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Length
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import fold
from .version import CACHE_SECONDS

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


# One statement per search word, three GIN index lookups: the items with the word anywhere,
# in the title or summary, and in the title. The query is MATERIALIZED so that the planner
# cannot see how common the word is and always takes the index: for a common word it would
# rather read the table, unpacking every item's large search vector (ten times slower).
# Drafts are included; the facet index, which holds published items only, leaves them out.
TERM_HITS_SQL = """
WITH term AS MATERIALIZED (SELECT to_tsquery(%s, %s) AS query)
SELECT numnode(query) = 0,
       ARRAY(SELECT id FROM kennisplein_item WHERE numnode(query) > 0 AND search_vector @@ query),
       ARRAY(SELECT id FROM kennisplein_item WHERE numnode(query) > 0 AND rank_vector @@ query),
       ARRAY(SELECT id FROM kennisplein_item WHERE numnode(query) > 0 AND titel_vector @@ query)
  FROM term
"""

# For a word that full-text search skips because it is too common ("een", "hebben"): the whole
# word in the accent-folded title or summary, found through the GIN indexes of migration 0014
# (whose expressions these must match exactly; MATERIALIZED as above).
WHOLE_WORD_HITS_SQL = """
WITH term AS MATERIALIZED (SELECT to_tsquery('simple', %s) AS query)
SELECT ARRAY(SELECT id FROM kennisplein_item
              WHERE numnode(query) > 0
                AND to_tsvector('simple', kennisplein_fold(titel || ' ' || samenvatting)) @@ query),
       ARRAY(SELECT id FROM kennisplein_item
              WHERE numnode(query) > 0
                AND to_tsvector('simple', kennisplein_fold(titel)) @@ query)
  FROM term
"""


@dataclass(frozen=True)
class Hits:
    """What a search finds, as masks over a facet index: the items with every word anywhere,
    with every word in the title or summary, and with every word in the title."""

    mask: np.ndarray
    strong: np.ndarray
    title: np.ndarray
    word_search: bool = False


def find(index, terms: list[str], version: str) -> Hits | None:
    """The items that have every term (as the start of a word, stemmed in Dutch). Terms that
    are too common to search for are left out; if all are, they are looked for as whole words
    in titles and summaries instead."""
    if not terms:
        return None
    per_term = [_term_hits(term, version) for term in terms]
    words = [hits for stop_word, *hits in per_term if not stop_word]
    word_search = not words
    if word_search:
        words = [_whole_word_hits(term, version) for term in terms]
    mask, strong, title = index.everything(), index.everything(), index.everything()
    for anywhere, in_title_or_summary, in_title in words:
        mask &= index.from_id_mask(anywhere)
        strong &= index.from_id_mask(in_title_or_summary)
        title &= index.from_id_mask(in_title)
    return Hits(mask=mask, strong=strong & mask, title=title & mask, word_search=word_search)


def _term_hits(term: str, version: str):
    def query():
        with connection.cursor() as cursor:
            cursor.execute(TERM_HITS_SQL, [CONFIG, f"{term}:*"])  # letters and digits only
            stop_word, *id_lists = cursor.fetchone()
        return stop_word, *(_packed(ids) for ids in id_lists)

    stop_word, *packed = _cached(f"term:{term}", version, query)
    return stop_word, *(_unpacked(p) for p in packed)


def _whole_word_hits(term: str, version: str):
    def query():
        with connection.cursor() as cursor:
            cursor.execute(WHOLE_WORD_HITS_SQL, [term])  # letters and digits only
            return [_packed(ids) for ids in cursor.fetchone()]

    in_title_or_summary, in_title = (_unpacked(p) for p in _cached(f"woord:{term}", version, query))
    # Only title and summary are searched: "anywhere" is "in the title or summary".
    return in_title_or_summary, in_title_or_summary, in_title


def _cached(name, version, compute):
    """Hits per word are shared by all processes (the cache) for this content version."""
    key = "kennisplein:zoek:" + hashlib.sha256(f"{version}|{name}".encode()).hexdigest()[:40]
    return cache.get_or_set(key, compute, CACHE_SECONDS)


def _packed(ids: list[int]) -> tuple[int, bytes]:
    """Item ids as a bitmap (bit i set for id i): 12 KB for 100,000 items, however many hit."""
    by_id = np.zeros(max(ids, default=-1) + 1, dtype=bool)
    by_id[ids] = True
    return len(by_id), np.packbits(by_id).tobytes()


def _unpacked(packed: tuple[int, bytes]) -> np.ndarray:
    length, bits = packed
    return np.unpackbits(np.frombuffer(bits, dtype=np.uint8), count=length).astype(bool)


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


def highlight(snippet: str | None) -> str:
    """Escape the snippet, then turn our markers into <mark> elements."""
    if not snippet:
        return ""
    html = MARKED.sub(r"<mark>\1</mark>", escape(snippet))
    return mark_safe(html.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (Levenshtein plus swapped neighbours), or limit + 1 for
    anything further apart. Only cells within `limit` of the diagonal can stay within the limit,
    so only those are computed: a handful per row instead of the whole row."""
    beyond = limit + 1
    if abs(len(a) - len(b)) > limit:
        return beyond
    previous2 = None
    previous = [min(j, beyond) for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [beyond] * (len(b) + 1)
        current[0] = min(i, beyond)
        low, high = max(1, i - limit), min(len(b), i + limit)
        for j in range(low, high + 1):
            value = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = min(value, beyond)
        if min(current[low - 1 : high + 1]) > limit:
            return beyond
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(term: str) -> int:
    return 1 if len(term) <= 5 else 2


# A suggestion is one of the most common words of about the right length: it bounds the work for
# a long typo in a large vocabulary, and a rare word is a poor suggestion anyway.
SUGGESTION_CANDIDATES = 2000


def suggest(terms: list[str]) -> list[str] | None:
    """A corrected list of terms from the vocabulary of published items, or None."""
    from .models import Zoekwoord

    needed = [t for t in terms if len(t) >= 3 and not t.isdigit()]
    known = set(
        Zoekwoord.objects.filter(woord__in=needed, aantal__gt=0).values_list("woord", flat=True)
    )
    unknown = [term for term in needed if term not in known]
    if not unknown:
        return None
    lengths = {len(term) for term in unknown}
    vocabulary = list(
        Zoekwoord.objects.annotate(lengte=Length("woord"))
        .filter(aantal__gt=0, lengte__range=(min(lengths) - 2, max(lengths) + 2))
        .order_by("-aantal", "woord")
        .values_list("woord", flat=True)[:SUGGESTION_CANDIDATES]
    )
    corrected = [_closest(term, vocabulary) if term in unknown else term for term in terms]
    return corrected if corrected != terms else None


def _closest(term: str, vocabulary: list[str]) -> str:
    """The nearest word, the most common first among equals; the term itself if none is near."""
    limit = allowed_distance(term)
    best, best_distance = term, limit + 1
    for word in vocabulary:  # most common first
        if limit == 1 and word[0] != term[0]:
            continue
        distance = edit_distance(term, word, min(limit, best_distance - 1))
        if distance < best_distance:
            best, best_distance = word, distance
            if distance == 1:
                break  # nothing nearer than one edit, and this is the most common such word
    return best


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
