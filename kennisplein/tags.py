"""Pillars, themes and audiences: the tags that items carry.

There are a handful of each and most pages show some, so each process keeps all of them per
content version, and items bring only the ids of their tags (ItemQuerySet.with_tag_ids). A list
or item page then needs no query per kind of tag.
"""

from dataclasses import dataclass

from .models import Doelgroep, Pijler, Thema
from .version import kept_per_version


@dataclass(frozen=True)
class Tags:
    pijlers: dict[int, Pijler]  # in display order, as the models order them
    themas: dict[int, Thema]
    doelgroepen: dict[int, Doelgroep]

    def attach(self, items):
        """Give items from ItemQuerySet.with_tag_ids() their tags to show, in display order:
        `item.pijler_list`, `item.thema_list` and `item.doelgroep_list`."""
        for item in items:
            item.pijler_list = _chosen(self.pijlers, item.pijler_ids)
            item.thema_list = _chosen(self.themas, item.thema_ids)
            item.doelgroep_list = _chosen(self.doelgroepen, item.doelgroep_ids)
        return items


def _chosen(tags, ids):
    ids = set(ids or ())
    return [tag for pk, tag in tags.items() if pk in ids]


@kept_per_version
def tags_for(version: str) -> Tags:
    return Tags(
        pijlers={pijler.pk: pijler for pijler in Pijler.objects.all()},
        themas={thema.pk: thema for thema in Thema.objects.all()},
        doelgroepen={doelgroep.pk: doelgroep for doelgroep in Doelgroep.objects.all()},
    )
