"""The facet index: which published items each filter value selects, kept in memory.

For every combination of search and filters the list page needs the total, a count for every
filter value and one page of items in the chosen order. Counting that in SQL takes a pass over
every matching row: hundreds of milliseconds with 100,000 items. Here each process keeps the
published items as positions 0…n-1, newest first, with a boolean array (a *mask*) per filter
value; a count is then an AND and a sum over those arrays, well under a millisecond.

The index is kept under the content version (version.py), which changes with every change to
the knowledge base, so it is never stale. After an edit one process builds it again (four
queries) and shares it with the others through the cache; each keeps it in memory.

Search hits come from PostgreSQL as masks too (search.find), so search and filters combine
the same way.
"""

import hashlib
import time
from dataclasses import dataclass

import numpy as np
from django.contrib.postgres.aggregates import ArrayAgg
from django.core.cache import cache

from .models import TAG_FIELDS, Item, ItemType, tag_links
from .tags import tags_for
from .text import fold
from .version import CACHE_SECONDS, kept_per_version

BUILD_WAIT_SECONDS = 5


@dataclass(frozen=True)
class Selection:
    """The result of a search and filters: which items, how many, and the facet counts."""

    mask: np.ndarray
    total: int
    counts: dict[str, dict[str, int]]


class FacetIndex:
    def __init__(self, ids, a_z, masks):
        self.ids = ids  # item id at each position; position 0 is the newest item
        self.a_z = a_z  # positions in A–Z order
        self.masks = masks  # facet -> value -> mask
        self.size = len(ids)

    @classmethod
    def build(cls, options) -> "FacetIndex":
        """Four queries: the published items, then per facet the items of each value.
        `options` are the facets' values with their ids (facet_options)."""
        rows = list(Item.objects.published().newest_first().values_list("id", "titel", "type"))
        size = len(rows)
        ids = np.fromiter((item_id for item_id, _titel, _type in rows), dtype=np.int64, count=size)
        position_of_id = np.full(int(ids.max(initial=0)) + 1, -1, dtype=np.int64)
        position_of_id[ids] = np.arange(size)

        types = np.array([item_type for _id, _titel, item_type in rows], dtype=str)
        masks = {"type": {value: types == value for value, _label, _pk in options["type"]}}
        for name, field_name in TAG_FIELDS.items():
            links, column = tag_links(field_name)
            item_ids = dict(links.objects.values_list(column).annotate(ids=ArrayAgg("item_id")))
            masks[name] = {
                value: _mask(position_of_id, size, item_ids.get(pk, ()))
                for value, _label, pk in options[name]
            }

        # A–Z as readers expect it: regardless of accents and capitals ("Één" comes under E).
        titles = [fold(titel) for _id, titel, _type in rows]
        a_z = np.array(sorted(range(size), key=titles.__getitem__), dtype=np.int64)
        return cls(ids, a_z, masks)

    def __getstate__(self):
        """For the shared cache: masks packed eight to a byte (12 KB for 100,000 items)."""
        packed = {
            name: {value: np.packbits(mask) for value, mask in by_value.items()}
            for name, by_value in self.masks.items()
        }
        return {"ids": self.ids, "a_z": self.a_z, "packed": packed}

    def __setstate__(self, state):
        size = len(state["ids"])
        masks = {
            name: {
                value: np.unpackbits(bits, count=size).astype(bool)
                for value, bits in by_value.items()
            }
            for name, by_value in state["packed"].items()
        }
        self.__init__(state["ids"], state["a_z"], masks)

    def everything(self) -> np.ndarray:
        return np.ones(self.size, dtype=bool)

    def from_id_mask(self, by_id: np.ndarray) -> np.ndarray:
        """A mask over item ids (True at index id) as a mask over this index's positions."""
        mask = np.zeros(self.size, dtype=bool)
        known = self.ids < len(by_id)
        mask[known] = by_id[self.ids[known]]
        return mask

    def select(self, chosen: dict[str, list[str]], within: np.ndarray | None = None) -> Selection:
        """The items within `within` (all if None) that match the chosen filter values, and
        per facet value how many there would be with that value ticked too.

        Values within one facet widen the result (OR), facets narrow it (AND); each facet is
        counted over the other facets' filters, so a count says what ticking that box gives.
        """
        base = self.everything() if within is None else within
        per_facet = {
            name: _any(self.masks[name], values, self.size)
            for name, values in chosen.items()
            if values
        }
        counts = {}
        for name, by_value in self.masks.items():
            others = base
            for other, mask in per_facet.items():
                if other != name:
                    others = others & mask
            counts[name] = {
                value: int(np.count_nonzero(mask & others)) for value, mask in by_value.items()
            }
        result = base
        for mask in per_facet.values():
            result = result & mask
        return Selection(mask=result, total=int(np.count_nonzero(result)), counts=counts)

    def newest_first(self, mask: np.ndarray) -> np.ndarray:
        """The ids of the items in the mask, newest first."""
        return self.ids[np.flatnonzero(mask)]

    def a_to_z(self, mask: np.ndarray) -> np.ndarray:
        return self.ids[self.a_z[mask[self.a_z]]]

    def in_groups(self, mask: np.ndarray, *groups: np.ndarray) -> np.ndarray:
        """The ids in the mask: first those in the first group, then in the next, each part
        newest first, then the rest of the mask."""
        parts, left = [], mask
        for group in groups:
            parts.append(np.flatnonzero(left & group))
            left = left & ~group
        parts.append(np.flatnonzero(left))
        return self.ids[np.concatenate(parts)]


def _mask(position_of_id, size, item_ids) -> np.ndarray:
    """The mask of these item ids; ids of drafts (no position) are left out."""
    item_ids = np.array(item_ids, dtype=np.int64)
    positions = position_of_id[item_ids[item_ids < len(position_of_id)]]
    mask = np.zeros(size, dtype=bool)
    mask[positions[positions >= 0]] = True
    return mask


def _any(masks, values, size) -> np.ndarray:
    result = np.zeros(size, dtype=bool)
    for value in values:
        result |= masks[value]
    return result


def facet_options(version: str) -> dict[str, list[tuple]]:
    """Every value each facet can take, as (value, label, id), in display order."""
    tags = tags_for(version)
    return {
        "type": [(value, label, value) for value, label in ItemType.choices],
        **{
            kind: [(tag.slug, tag.naam, pk) for pk, tag in getattr(tags, field_name).items()]
            for kind, field_name in TAG_FIELDS.items()
        },
    }


@kept_per_version
def index_for(version: str) -> FacetIndex:
    """The index for this content version: built by one process, shared with the others
    through the cache, then kept in each process until the version changes."""
    key = "kennisplein:index:" + hashlib.sha256(version.encode()).hexdigest()[:40]
    return cache.get(key) or _build_once(key, version)


def _build_once(key: str, version: str) -> FacetIndex:
    """Build and share the index, unless another process is building it already: then wait for
    that one (a few seconds at most, else build it here after all)."""
    building = key + ":bezig"
    if cache.add(building, True, timeout=BUILD_WAIT_SECONDS):
        try:
            index = FacetIndex.build(facet_options(version))
            cache.set(key, index, CACHE_SECONDS)
            return index
        finally:
            cache.delete(building)
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        index = cache.get(key)
        if index is not None:
            return index
    return FacetIndex.build(facet_options(version))
