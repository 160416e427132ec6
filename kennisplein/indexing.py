"""Keeps the search texts and the vocabulary current (see the docstring of models.py).

`Item.save()` prepares what comes from the item's own row. The receivers here prepare
`search_tags` when an item's pillars, themes or audiences change or a tag is renamed, and add
the words of a published item to the vocabulary (Zoekwoord). `rebuild()` does all of it again
for every item (`manage.py kennisplein_zoekindex`; after bulk changes or a change to search.py).
"""

from collections import Counter

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from . import search
from .models import (
    TAG_FIELDS,
    Doelgroep,
    Item,
    ItemStatus,
    Pijler,
    Thema,
    Zoekwoord,
    derived_fields,
)

BATCH = 2000
MIN_WORD, MAX_WORD = 3, 60


def index_tags(item_ids, item_model=Item):
    """Prepare search_tags (the names of the items' pillars, themes and audiences) again."""
    names = {item_id: [] for item_id in item_ids}
    for kind, field_name in TAG_FIELDS.items():
        links = item_model._meta.get_field(field_name).remote_field.through.objects
        # In name order: the text must not depend on where PostgreSQL happens to keep the links
        # (after deletes new rows fill old gaps), or an export and import would change it.
        found = (
            links.filter(item_id__in=item_ids)
            .order_by(f"{kind}__naam")
            .values_list("item_id", f"{kind}__naam")
        )
        for item_id, naam in found:
            names[item_id].append(naam)
    items = [item_model(pk=pk, search_tags=search.prepare(*tags)) for pk, tags in names.items()]
    item_model.objects.bulk_update(items, ["search_tags"], batch_size=BATCH)


def vocabulary_words(*texts):
    """The words of some text as the vocabulary keeps them: lower case, letters only."""
    return {
        word.lower()
        for text in texts
        for word in search.words(text)
        if MIN_WORD <= len(word) <= MAX_WORD and word.isalpha()
    }


def add_to_vocabulary(counts, word_model=Zoekwoord):
    """Add the words that are new, with their forms; `counts`: word -> in how many items."""
    word_model.objects.bulk_create(
        [word_model(woord=w, aantal=n, vormen=search.forms(w)) for w, n in counts.items()],
        ignore_conflicts=True,
        batch_size=BATCH,
    )


def _item_words(item):
    return vocabulary_words(item.titel, item.samenvatting, item.body_text)


@receiver(post_save, sender=Item, dispatch_uid="kennisplein_item_indexed")
def item_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaded from a fixture: save() did not run
        instance.derive()
        Item.objects.filter(pk=instance.pk).update(**derived_fields(instance))
    if instance.is_published:
        add_to_vocabulary(dict.fromkeys(_item_words(instance), 1))


@receiver(m2m_changed, dispatch_uid="kennisplein_item_tags_changed")
def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if sender in {Item.pijlers.through, Item.themas.through, Item.doelgroepen.through}:
        index_tags([instance.pk] if not reverse else list(pk_set or ()))


def tag_renamed(sender, instance, raw=False, **kwargs):
    if not raw:
        index_tags(list(instance.items.values_list("pk", flat=True)))


for model in (Pijler, Thema, Doelgroep):
    post_save.connect(
        tag_renamed, sender=model, dispatch_uid=f"kennisplein_{model.__name__}_renamed"
    )


def rebuild(item_model=Item, word_model=Zoekwoord, stdout=None):
    """Prepare every item's search texts again and count the vocabulary anew. Takes the models
    as arguments so that a migration can pass its historical ones."""
    ids = list(item_model.objects.order_by("pk").values_list("pk", flat=True))
    counts = Counter()
    for start in range(0, len(ids), BATCH):
        batch = list(item_model.objects.filter(pk__in=ids[start : start + BATCH]))
        for item in batch:
            derived = derived_fields(item)
            for name, value in derived.items():
                setattr(item, name, value)
            if item.status == ItemStatus.GEPUBLICEERD:
                counts.update(_item_words(item))
        item_model.objects.bulk_update(batch, list(derived))
        index_tags([item.pk for item in batch], item_model)
        if stdout:
            stdout.write(f"  {start + len(batch)} / {len(ids)} items")
    word_model.objects.all().delete()
    add_to_vocabulary(counts, word_model)
