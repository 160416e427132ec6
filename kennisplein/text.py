"""Accent folding shared by the database (search vector) and Python (search queries).

PostgreSQL's `unaccent` is a contrib extension we cannot count on, so the search vector is built
from text passed through `translate()` with the table below (see migration 0004), and queries are
folded in Python with the very same table. Both sides must stay identical: change them together.
"""

import unicodedata


def _build_table():
    source, target = [], []
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            source.append(char)
            target.append(base)
    return "".join(source), "".join(target)


FOLD_FROM, FOLD_TO = _build_table()
_TRANSLATION = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str) -> str:
    """Lower case without accents: "Cliënt" -> "client", "één" -> "een"."""
    if text.isascii():  # most text: skip the (slow) translation
        return text.lower()
    return text.translate(_TRANSLATION).lower()
