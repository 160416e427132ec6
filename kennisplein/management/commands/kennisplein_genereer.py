"""Generate N synthetic knowledge items for benchmarks, fast: COPY instead of INSERTs.

The text is Dutch: words are drawn from the seed content with their real frequencies, so the
search index, stemming and facets behave as with real content. The derived fields are prepared
by the same functions as on save (models.derived_fields, search.prepare), so the search texts
are exactly as in production.
"""

import random
import re
import time
from collections import Counter
from datetime import date, timedelta

from django.core.management import BaseCommand, CommandError
from django.db import connection, transaction

from kennisplein import search, tag_ids
from kennisplein.indexing import add_to_vocabulary, vocabulary_words
from kennisplein.models import (
    Doelgroep,
    Item,
    ItemStatus,
    ItemType,
    Pijler,
    Thema,
    Zoekwoord,
    derived_fields,
)

WORD = re.compile(r"[a-zà-ÿ]{2,}")
ITEM_COLUMNS = [
    "id",
    "type",
    "titel",
    "slug",
    "samenvatting",
    "inhoud",
    "bron",
    "status",
    "publicatiedatum",
]
EMPTY_COLUMNS = ["afbeelding", "afbeelding_alt", "video", "ondertitels", "video_url"]
# The tag ids the link tables' triggers would write (tag_ids.py), written with the row: the
# triggers then find nothing to change. Written by the triggers, every item row was updated
# three times after its COPY, leaving a table of four times its size (22,000 pages instead
# of 5,900 at 100,000 items) that plain VACUUM does not shrink.
TAG_ID_COLUMNS = [column for _table, _tag, column in tag_ids.LINKS]

TYPES = ItemType.values
TYPE_WEIGHTS = [8, 6, 20, 6, 10, 4, 2, 14]


def vocabulary(rng, compounds=40_000):
    """Dutch words in Zipf order: the words of the seed content by frequency, followed by
    compounds of them ("netwerkgesprek"), as Dutch makes them. Returns the words and
    cumulative weights 1/rank, so common words are common and most words are rare, as in
    real text."""
    counts = {}
    for text in Item.objects.values_list("titel", "samenvatting", "inhoud"):
        for word in WORD.findall(" ".join(text).lower()):
            counts[word] = counts.get(word, 0) + 1
    if len(counts) < 200:
        raise CommandError("Te weinig woorden: laad eerst de startinhoud (manage.py seed).")
    words = sorted(counts, key=counts.get, reverse=True)
    parts = [word for word in words if len(word) >= 4]
    seen = set(words)
    while len(words) < len(counts) + compounds:
        word = rng.choice(parts) + rng.choice(parts)
        if word not in seen:
            seen.add(word)
            words.append(word)
    cumulative, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1 / rank
        cumulative.append(total)
    return words, cumulative


def copy_rows(cursor, table, columns, rows):
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


class Command(BaseCommand):
    help = "Maakt N nep-kennisitems aan voor benchmarks (snel, met COPY)."

    def add_arguments(self, parser):
        parser.add_argument("aantal", type=int)
        parser.add_argument("--seed", type=int, default=42, help="Voor herhaalbare data.")
        parser.add_argument("--batch", type=int, default=10_000)

    def handle(self, *args, aantal, seed, batch, **options):
        rng = random.Random(seed)  # noqa: S311 - test data, not security
        words, cumulative = vocabulary(rng)
        title_words = [word for word in words[:5000] if len(word) >= 5]
        pijlers = dict(Pijler.objects.values_list("id", "naam"))
        themas = dict(Thema.objects.values_list("id", "naam"))
        doelgroepen = dict(Doelgroep.objects.values_list("id", "naam"))
        if not (pijlers and themas and doelgroepen):
            raise CommandError("Geen pijlers, thema's of doelgroepen: laad eerst de startinhoud.")

        def sentence(low, high):
            chosen = rng.choices(words, cum_weights=cumulative, k=rng.randint(low, high))
            return " ".join(chosen).capitalize() + "."

        def body():
            parts = []
            for _ in range(rng.randint(2, 4)):
                parts.append("## " + sentence(2, 5).rstrip("."))
                parts.append(" ".join(sentence(8, 18) for _ in range(rng.randint(2, 5))))
                if rng.random() < 0.5:
                    parts.append("\n".join("- " + sentence(4, 9) for _ in range(3)))
            return "\n\n".join(parts)

        start = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(id), 0) FROM kennisplein_item")
            first_id = cursor.fetchone()[0] + 1
            cursor.execute("SELECT setval('kennisplein_item_id_seq', %s)", [first_id + aantal])
        today = date.today()
        counts = Counter()
        done = 0
        while done < aantal:
            size = min(batch, aantal - done)
            ids = range(first_id + done, first_id + done + size)
            items, links_p, links_t, links_d = [], [], [], []
            for item_id in ids:
                titel = " ".join(
                    rng.choice(title_words) for _ in range(rng.randint(2, 5))
                ).capitalize()[:180]
                status = ItemStatus.GEPUBLICEERD if rng.random() < 0.95 else ItemStatus.CONCEPT
                item = Item(
                    id=item_id,
                    type=rng.choices(TYPES, TYPE_WEIGHTS)[0],
                    titel=titel,
                    slug=f"gen-{item_id}",
                    samenvatting=" ".join(sentence(8, 16) for _ in range(2)),
                    inhoud=body(),
                    bron="Synthetische testdata",
                    status=status,
                    publicatiedatum=today - timedelta(days=rng.randint(0, 5 * 365)),
                )
                chosen_p = rng.sample(list(pijlers), rng.randint(1, 2))
                chosen_t = rng.sample(list(themas), rng.randint(1, 3))
                chosen_d = rng.sample(list(doelgroepen), rng.randint(1, 2))
                links_p += [(item_id, p) for p in chosen_p]
                links_t += [(item_id, t) for t in chosen_t]
                links_d += [(item_id, d) for d in chosen_d]
                derived = derived_fields(item)
                derived["search_tags"] = search.prepare(
                    *(pijlers[p] for p in chosen_p),
                    *(themas[t] for t in chosen_t),
                    *(doelgroepen[d] for d in chosen_d),
                )
                row = [getattr(item, column) for column in ITEM_COLUMNS] + [""] * len(EMPTY_COLUMNS)
                tags = [sorted(chosen_p), sorted(chosen_t), sorted(chosen_d)]
                items.append(row + tags + list(derived.values()))
                if status == ItemStatus.GEPUBLICEERD:
                    counts.update(
                        vocabulary_words(item.titel, item.samenvatting, derived["body_text"])
                    )
            with transaction.atomic(), connection.cursor() as cursor:
                columns = ITEM_COLUMNS + EMPTY_COLUMNS + TAG_ID_COLUMNS + list(derived)
                copy_rows(cursor, "kennisplein_item", columns, items)
                copy_rows(cursor, "kennisplein_item_pijlers", ["item_id", "pijler_id"], links_p)
                copy_rows(cursor, "kennisplein_item_themas", ["item_id", "thema_id"], links_t)
                copy_rows(
                    cursor, "kennisplein_item_doelgroepen", ["item_id", "doelgroep_id"], links_d
                )
            done += size
            rate = done / (time.monotonic() - start)
            self.stdout.write(f"  {done} / {aantal} items ({rate:.0f} per seconde)")
        counts.update(dict(Zoekwoord.objects.values_list("woord", "aantal")))
        Zoekwoord.objects.all().delete()
        add_to_vocabulary(counts)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE kennisplein_item")
            cursor.execute("ANALYZE kennisplein_item_pijlers")
            cursor.execute("ANALYZE kennisplein_item_themas")
            cursor.execute("ANALYZE kennisplein_item_doelgroepen")
        elapsed = time.monotonic() - start
        self.stdout.write(self.style.SUCCESS(f"{aantal} items gemaakt in {elapsed:.0f} s."))
